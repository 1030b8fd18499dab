namespace LiftWing.Server.Slo;

/// <summary>One minute of one model, for the dashboard's charts.</summary>
internal sealed record SloMinutePoint(DateTimeOffset Minute, long Requests, long Errors, double? P95Ms);
