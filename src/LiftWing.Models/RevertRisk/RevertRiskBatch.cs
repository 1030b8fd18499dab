namespace LiftWing.Models.RevertRisk;

/// <summary>What flows between the stages: the request form and its items.</summary>
public sealed record RevertRiskBatch(RevertRiskRequestKind Kind, IReadOnlyList<RevertRiskItem> Items);
