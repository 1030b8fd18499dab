namespace LiftWing.Server.Slo;

/// <summary>
/// Request counts of one model in one time slot: all requests, 5xx, 2xx, 2xx within the threshold, and the
/// 2xx latency histogram (count per bucket upper bound in seconds; <see cref="double.PositiveInfinity"/> last).
/// </summary>
internal sealed class SloCounts
{
    public long Total;
    public long Errors;
    public long Ok;
    public long Fast;

    /// <summary>Count per bucket upper bound (seconds).</summary>
    public SortedDictionary<double, long> Buckets { get; } = [];

    public void Add(SloCounts other)
    {
        Total += other.Total;
        Errors += other.Errors;
        Ok += other.Ok;
        Fast += other.Fast;
        foreach (var (le, n) in other.Buckets)
        {
            Buckets[le] = Buckets.GetValueOrDefault(le) + n;
        }
    }
}
