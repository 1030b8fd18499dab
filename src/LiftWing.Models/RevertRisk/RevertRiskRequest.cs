using LiftWing.Wiki.Revisions;

namespace LiftWing.Models.RevertRisk;

/// <summary>A validated request: revisions to fetch by id, or one revision given inline.</summary>
internal sealed record RevertRiskRequest(RevertRiskRequestKind Kind, IReadOnlyList<RevisionKey> Keys, RevisionData? Inline = null);
