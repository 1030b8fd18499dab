namespace LiftWing.Server.Slo;

/// <summary>One model's objectives where they differ from the defaults (unset values inherit).</summary>
public sealed class SloObjectiveOverride
{
    /// <summary>The availability target (share of requests that are not 5xx).</summary>
    public double? Availability { get; set; }

    /// <summary>The latency target (share of 2xx requests within the threshold).</summary>
    public double? Latency { get; set; }

    /// <summary>The latency threshold.</summary>
    public TimeSpan? LatencyThreshold { get; set; }
}
