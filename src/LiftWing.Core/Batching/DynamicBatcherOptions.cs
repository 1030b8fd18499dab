using LiftWing.Core.Models;

namespace LiftWing.Core.Batching;

/// <summary>Limits of one <see cref="DynamicBatcher{TItem, TResult}"/>.</summary>
public sealed class DynamicBatcherOptions
{
    /// <summary>The most items merged into one call. The default is 32 (KServe's batcher default).</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// How long the first item of a batch may wait for more items. The default is 5 ms; zero merges only what is
    /// already queued.
    /// </summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>A tag for the metrics (the model name).</summary>
    public string Name { get; set; } = "";

    /// <summary>The options of a model's <c>batching:</c> block.</summary>
    public static DynamicBatcherOptions From(BatchingSettings settings, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DynamicBatcherOptions
        {
            MaxBatchSize = settings.MaxBatchSize,
            MaxQueueDelay = TimeSpan.FromMilliseconds(settings.MaxLatencyMs),
            Name = name,
        };
    }
}
