namespace LiftWing.Models.RevertRisk;

/// <summary>What flows between the stages: the request form and its items.</summary>
internal sealed record RevertRiskBatch(RevertRiskRequestKind Kind, IReadOnlyList<RevertRiskItem> Items);
