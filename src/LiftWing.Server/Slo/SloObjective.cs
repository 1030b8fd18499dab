namespace LiftWing.Server.Slo;

/// <summary>A model's resolved objectives.</summary>
/// <param name="Availability">The share of requests that must not be 5xx.</param>
/// <param name="Latency">The share of 2xx requests that must finish within <paramref name="LatencyThreshold"/>.</param>
/// <param name="LatencyThreshold">The latency threshold, measured at the server's edge.</param>
public sealed record SloObjective(double Availability, double Latency, TimeSpan LatencyThreshold);
