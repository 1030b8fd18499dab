namespace LiftWing.Training.Logo;

/// <summary>The outcome of a training run.</summary>
public sealed record LogoTrainingResult(
    string HeadPath,
    string HeadSha256,
    string ModelCardPath,
    int TrainCount,
    int TestCount,
    double TestAccuracy,
    double TestRocAuc,
    double TrainAccuracy,
    double L2,
    IReadOnlyList<(string Name, double Prediction, double OutOfDomain)> ExtraScores);
