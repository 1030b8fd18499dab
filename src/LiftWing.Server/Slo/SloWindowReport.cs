namespace LiftWing.Server.Slo;

/// <summary>One objective over one window: events, good events, the SLI and the burn rate (null without events: never NaN).</summary>
internal sealed record SloWindowReport(string Window, long Events, long Good, double? Sli, double? BurnRate);
