using System.Diagnostics.Metrics;
using LiftWing.Core.Telemetry;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>ORES instruments on the one LiftWing meter: scores by context, model, backend and outcome, and upstream call time.</summary>
internal sealed class OresMetrics(LiftWingMetrics metrics)
{
    private readonly Counter<long> _scores = metrics.Meter.CreateCounter<long>("liftwing_ores_scores_total", description: "ORES scores answered, by outcome (score or the per-score error type).");
    private readonly Histogram<double> _upstream = metrics.Meter.CreateHistogram<double>("liftwing_ores_upstream_seconds", unit: "s", description: "Upstream Lift Wing calls, retries included.");

    public void Score(OresModelEntry entry, OresScore score) =>
        _scores.Add(1, new KeyValuePair<string, object?>("context", entry.Context), new KeyValuePair<string, object?>("model", entry.Name),
            new KeyValuePair<string, object?>("backend", entry.Backend == OresBackendKind.Auto ? "upstream" : entry.Backend.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>("outcome", score.ErrorType ?? "score"));

    public void Upstream(TimeSpan elapsed) => _upstream.Record(elapsed.TotalSeconds);
}
