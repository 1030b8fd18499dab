namespace LiftWing.Server.Slo;

/// <summary>What the edge needs per model, resolved once: its objective and the histogram tag.</summary>
internal sealed class SloModel(string name, SloObjective objective)
{
    public string Name { get; } = name;

    public SloObjective Objective { get; } = objective;

    public double ThresholdSeconds { get; } = objective.LatencyThreshold.TotalSeconds;

    public KeyValuePair<string, object?> Tag { get; } = new(Core.Telemetry.LiftWingMetrics.ModelNameTag, name);

    /// <summary>The pending slot of the current minute; guarded by the recorder's lock.</summary>
    public SloPendingSlot? Current { get; set; }
}
