namespace LiftWing.Training.Evaluation;

/// <summary>One bin of a reliability table.</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanPredicted, double ObservedRate);
