namespace LiftWing.Training.Logo;

/// <summary>How the labelled set is assembled.</summary>
public sealed class LogoDatasetOptions
{
    /// <summary>How many simple-icons SVGs to use (every k-th by slug). The default is 800 of 3,470.</summary>
    public int SimpleIcons { get; set; } = 800;

    /// <summary>How many augmented crops each photo gives (plus one whole-image thumbnail). The default is 10.</summary>
    public int CropsPerPhoto { get; set; } = 10;

    /// <summary>The seed of every random choice. The default is 20240417.</summary>
    public int Seed { get; set; } = 20240417;
}
