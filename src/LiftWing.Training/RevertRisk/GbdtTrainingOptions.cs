namespace LiftWing.Training.RevertRisk;

/// <summary>Hyperparameters of the revert-risk GBDT (ML.NET FastTree). Defaults suit ~1,000 rows with ~8% positives.</summary>
public sealed record GbdtTrainingOptions
{
    /// <summary>Boosting rounds. Default 500.</summary>
    public int NumberOfTrees { get; init; } = 500;

    /// <summary>Leaves per tree. Default 2 (stumps): with 77 positives, deeper trees scored lower in cross-validation.</summary>
    public int NumberOfLeaves { get; init; } = 2;

    /// <summary>Minimum rows in a leaf. Default 20.</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    /// <summary>Shrinkage. Default 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Seed for ML.NET and the fold shuffle. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Cross-validation folds. Default 5.</summary>
    public int Folds { get; init; } = 5;
}
