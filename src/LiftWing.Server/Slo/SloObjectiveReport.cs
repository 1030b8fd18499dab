namespace LiftWing.Server.Slo;

/// <summary>One objective of one model: target, every window, the budget left, and which burn-rate alert would fire.</summary>
internal sealed record SloObjectiveReport(
    string Objective,
    double Target,
    double? ThresholdMs,
    IReadOnlyList<SloWindowReport> Windows,
    double BudgetRemainingRolling,
    double BudgetRemainingQuarter,
    string? Alert)
{
    public SloWindowReport Window(string name) => Windows.First(w => w.Window == name);
}
