namespace LiftWing.Server.Slo;

/// <summary>What the store holds for the report: per model, counts per minute (recent) and per hour (the quarter).</summary>
internal sealed class SloHistory
{
    /// <summary>Per model: minute number (Unix minutes) → counts, with the latency histogram.</summary>
    public Dictionary<string, SortedDictionary<long, SloCounts>> Minutes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per model: hour number (Unix hours) → counts (no histogram).</summary>
    public Dictionary<string, SortedDictionary<long, SloCounts>> Hours { get; } = new(StringComparer.Ordinal);

    public static SortedDictionary<long, SloCounts> Of(Dictionary<string, SortedDictionary<long, SloCounts>> map, string model)
    {
        if (!map.TryGetValue(model, out var d))
        {
            d = [];
            map[model] = d;
        }

        return d;
    }
}
