using System.Diagnostics.Metrics;
using LiftWing.Core.Telemetry;

namespace LiftWing.Core.Caching;

/// <summary>The cache's instruments, on LiftWing's one meter.</summary>
internal sealed class CacheMetrics
{
    /// <summary>Creates the instruments; the L1 gauges read <paramref name="memory"/>.</summary>
    public CacheMetrics(LiftWingMetrics metrics, MemoryTier memory)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        Lookups = meter.CreateCounter<long>("liftwing_cache_lookups", description: "Cache lookups per key (per item for batches) by model, result (hit, miss, bypass) and tier (l1, l2, none).");
        StoreSeconds = meter.CreateHistogram("liftwing_cache_store_seconds", "s", "L2 store call duration by store and operation.", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        });
        StoreErrors = meter.CreateCounter<long>("liftwing_cache_store_errors", description: "L2 store failures (timeout, error, corrupt entry) by store and operation.");
        meter.CreateObservableGauge("liftwing_cache_l1_entries", () => memory.Usage.Select(kv =>
            new Measurement<long>(kv.Value.Entries, new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, kv.Key))), description: "Entries in the in-process tier by model.");
        meter.CreateObservableGauge("liftwing_cache_l1_bytes", () => memory.Usage.Select(kv =>
            new Measurement<long>(kv.Value.Bytes, new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, kv.Key))), "By", "Bytes in the in-process tier by model.");
    }

    /// <summary>Lookups by model, result and tier.</summary>
    public Counter<long> Lookups { get; }

    /// <summary>L2 call duration.</summary>
    public Histogram<double> StoreSeconds { get; }

    /// <summary>L2 failures.</summary>
    public Counter<long> StoreErrors { get; }

    /// <summary>Counts <paramref name="n"/> lookups.</summary>
    public void Count(string model, string result, string tier, long n = 1)
    {
        if (n > 0)
        {
            Lookups.Add(n, new(LiftWingMetrics.ModelNameTag, model), new("result", result), new("tier", tier));
        }
    }
}
