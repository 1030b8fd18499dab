namespace LiftWing.Training.RevertRisk;

/// <summary>The held-out scores of one cross-validation fold.</summary>
public sealed record FoldResult(int Fold, int Rows, int Positives, double RocAuc, double PrAuc);
