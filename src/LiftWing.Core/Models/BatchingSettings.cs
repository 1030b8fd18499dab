namespace LiftWing.Core.Models;

/// <summary>Per-model dynamic-batching settings (<c>batching:</c> in model.yaml).</summary>
public sealed record BatchingSettings
{
    /// <summary>Whether concurrent requests are merged. The default is false.</summary>
    public bool Enabled { get; init; }

    /// <summary>The largest merged batch. The default is 32.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>How long the first request of a batch may wait for others, in milliseconds. The default is 5.</summary>
    public double MaxLatencyMs { get; init; } = 5;
}
