using LiftWing.Wiki.RevertRisk;

namespace LiftWing.Training.RevertRisk;

/// <summary>One labelled revision of the training set.</summary>
public sealed record LabelledEdit(string WikiDb, long RevisionId, RevertRiskFeatureInput Input, bool Reverted);
