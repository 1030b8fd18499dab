namespace LiftWing.Server.Slo;

/// <summary>One model's counts for one minute, not yet written to the store (edge hot path: plain fields, an array).</summary>
internal sealed class SloPendingSlot(SloModel model, long minute, int buckets)
{
    public SloModel Model { get; } = model;

    public long Minute { get; } = minute;

    public long Total;
    public long Errors;
    public long Ok;
    public long Fast;

    public long[] Buckets { get; } = new long[buckets];

    public SloCounts ToCounts(double[] bounds)
    {
        var c = new SloCounts { Total = Total, Errors = Errors, Ok = Ok, Fast = Fast };
        for (var i = 0; i < Buckets.Length; i++)
        {
            // Empty buckets too: a quantile interpolates from the previous bound, as Prometheus does.
            c.Buckets[i < bounds.Length ? bounds[i] : double.PositiveInfinity] = Buckets[i];
        }

        return c;
    }
}
