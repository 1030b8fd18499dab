namespace LiftWing.Server.Slo;

/// <summary>What <c>GET /slo</c> returns and <c>/dashboard</c> renders.</summary>
internal sealed record SloReport(
    DateTimeOffset GeneratedAt,
    DateTimeOffset QuarterStart,
    string RollingWindow,
    string Store,
    IReadOnlyList<SloModelReport> Models);
