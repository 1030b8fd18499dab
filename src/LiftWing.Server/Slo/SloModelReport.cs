namespace LiftWing.Server.Slo;

/// <summary>One model: the last five minutes at a glance, both objectives, and the last hour per minute.</summary>
internal sealed record SloModelReport(
    string Model,
    double RequestsPerSecond,
    double? ErrorRatio,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    SloObjectiveReport Availability,
    SloObjectiveReport Latency,
    IReadOnlyList<SloMinutePoint> Series);
