namespace LiftWing.Server.Slo;

/// <summary>
/// Service-level objectives, bound from the <c>LiftWing:Slo</c> configuration section. The defaults apply to every
/// model; <see cref="Models"/> overrides them per model. The same values drive the edge histogram's buckets,
/// <c>GET /slo</c>, <c>/dashboard</c>, and the Prometheus rules and Grafana dashboard that <c>liftwing slo</c> writes.
/// </summary>
public sealed class SloOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LiftWing:Slo";

    /// <summary>Whether the edge latency is recorded at all. The default is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The default availability target: the share of requests that are not 5xx. The default is 0.995.</summary>
    public double Availability { get; set; } = 0.995;

    /// <summary>The default latency target: the share of 2xx requests answered within <see cref="LatencyThreshold"/>. The default is 0.90.</summary>
    public double Latency { get; set; } = 0.90;

    /// <summary>The default latency threshold, end to end at the server's edge. The default is 1 second.</summary>
    public TimeSpan LatencyThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The rolling window. The default is 28 days.</summary>
    public TimeSpan RollingWindow { get; set; } = TimeSpan.FromDays(28);

    /// <summary>Per-model overrides, keyed by model name.</summary>
    public Dictionary<string, SloObjectiveOverride> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the counts behind <c>/slo</c> live. The default is memory (lost on restart).</summary>
    public SloStoreKind Store { get; set; } = SloStoreKind.Memory;

    /// <summary>The SQLite file when <see cref="Store"/> is Sqlite. The default is <c>~/.cache/liftwing/slo.db</c>.</summary>
    public string SqlitePath { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "liftwing", "slo.db");

    /// <summary>How often recorded counts are written to the store. The default is 10 seconds.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The objective for a model: its override where set, else the defaults.</summary>
    public SloObjective For(string model)
    {
        var o = model is not null && Models.TryGetValue(model, out var m) ? m : null;
        return new SloObjective(
            o?.Availability ?? Availability,
            o?.Latency ?? Latency,
            o?.LatencyThreshold ?? LatencyThreshold);
    }

    /// <summary>Every distinct latency threshold in use, in seconds, ascending.</summary>
    public IReadOnlyList<double> Thresholds() =>
        Models.Values.Select(m => m.LatencyThreshold ?? LatencyThreshold).Append(LatencyThreshold)
            .Select(t => t.TotalSeconds).Distinct().Order().ToList();
}
