using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using LiftWing.Core.Telemetry;

namespace LiftWing.Core.Batching;

/// <summary>The batcher's instruments, created once per <see cref="LiftWingMetrics"/> meter and shared by every batcher.</summary>
internal sealed class DynamicBatcherMetrics
{
    private static readonly ConditionalWeakTable<LiftWingMetrics, DynamicBatcherMetrics> s_perMeter = [];

    private DynamicBatcherMetrics(Meter meter)
    {
        BatchSize = meter.CreateHistogram<int>(
            "liftwing_batch_size", "{item}", "Items merged into one model call by the dynamic batcher.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        QueueTime = meter.CreateHistogram<double>(
            "liftwing_batch_queue_seconds", "s", "Time an item waited in the dynamic batcher before its batch ran.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
    }

    public Histogram<int> BatchSize { get; }

    public Histogram<double> QueueTime { get; }

    public static DynamicBatcherMetrics For(LiftWingMetrics metrics) => s_perMeter.GetValue(metrics, static m => new DynamicBatcherMetrics(m.Meter));
}
