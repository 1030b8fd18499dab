namespace LiftWing.Training.Logo;

/// <summary>What <c>liftwing train logo</c> does.</summary>
public sealed class LogoTrainingOptions
{
    /// <summary>Where the head, model card and metrics go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Where downloads and unpacked data are kept between runs.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The ResNet18 backbone ONNX.</summary>
    public required string BackbonePath { get; init; }

    /// <summary>The ResNet18 preprocessing ONNX.</summary>
    public required string PreprocessPath { get; init; }

    /// <summary>A folder of extra images to score after training (e.g. Lift Wing's samples); optional.</summary>
    public string? ExtraImagesDirectory { get; init; }

    /// <summary>The percentage of groups held out for testing. The default is 20.</summary>
    public int TestPercent { get; init; } = 20;

    /// <summary>The L2 penalties tried by 3-fold group cross-validation on the training part.</summary>
    public IReadOnlyList<double> L2Grid { get; init; } = [0.01, 0.1, 1.0];

    /// <summary>How the labelled set is built.</summary>
    public LogoDatasetOptions Dataset { get; init; } = new();

    /// <summary>The command line that reproduces the run, written into the model card.</summary>
    public string Command { get; init; } = "liftwing train logo --out <dir>";
}
