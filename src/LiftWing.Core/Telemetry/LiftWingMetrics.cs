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

    /// <summary>Creates the instruments on a meter from the factory (or a standalone meter).</summary>
    public LiftWingMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Preprocess = _meter.CreateHistogram<double>("request_preprocess_seconds", "s", "Time in the preprocess stage.");
        Predict = _meter.CreateHistogram<double>("request_predict_seconds", "s", "Time in the predict stage.");
        Postprocess = _meter.CreateHistogram<double>("request_postprocess_seconds", "s", "Time in the postprocess stage.");
        Request = _meter.CreateHistogram<double>("request_seconds", "s", "Total time of an inference request, by status code.");
        Requests = _meter.CreateCounter<long>("liftwing_requests", description: "Inference requests by model and status code.");
        ModelLoad = _meter.CreateHistogram<double>("liftwing_model_load_seconds", "s", "Time to load a model.");
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
