using System.Diagnostics.Metrics;

namespace LiftWing.Core.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> of LiftWing and its instruments, created once. Histogram names are KServe's
/// (<c>request_preprocess_seconds</c> …, label <c>model_name</c>) so existing dashboards keep working.
/// </summary>
public sealed class LiftWingMetrics : IDisposable
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "LiftWing";

    /// <summary>The model-name tag key (KServe's label).</summary>
    public const string ModelNameTag = "model_name";

    private readonly Meter _meter;

    // Seconds from 10 µs (cache hits) to 60 s (the slowest upstream fetches); OTel's defaults are for milliseconds.
    private static readonly InstrumentAdvice<double> s_secondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    /// <summary>Creates the instruments on a meter from the factory (or a standalone meter).</summary>
    public LiftWingMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Preprocess = _meter.CreateHistogram("request_preprocess_seconds", "s", "Time in the preprocess stage.", advice: s_secondsAdvice);
        Predict = _meter.CreateHistogram("request_predict_seconds", "s", "Time in the predict stage.", advice: s_secondsAdvice);
        Postprocess = _meter.CreateHistogram("request_postprocess_seconds", "s", "Time in the postprocess stage.", advice: s_secondsAdvice);
        Request = _meter.CreateHistogram("request_seconds", "s", "Total time of an inference request, by status code.", advice: s_secondsAdvice);
        Requests = _meter.CreateCounter<long>("liftwing_requests", description: "Inference requests by model and status code.");
        ModelLoad = _meter.CreateHistogram("liftwing_model_load_seconds", "s", "Time to load a model.", advice: s_secondsAdvice);
    }

    /// <summary>The meter, for components that add their own instruments (cache, batcher).</summary>
    public Meter Meter => _meter;

    /// <summary>Preprocess stage duration.</summary>
    public Histogram<double> Preprocess { get; }

    /// <summary>Predict stage duration.</summary>
    public Histogram<double> Predict { get; }

    /// <summary>Postprocess stage duration.</summary>
    public Histogram<double> Postprocess { get; }

    /// <summary>Whole-request duration with a status-code tag.</summary>
    public Histogram<double> Request { get; }

    /// <summary>Request count with model and status code tags.</summary>
    public Counter<long> Requests { get; }

    /// <summary>Model load duration.</summary>
    public Histogram<double> ModelLoad { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
