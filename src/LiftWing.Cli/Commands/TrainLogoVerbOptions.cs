namespace LiftWing.Cli.Commands;

/// <summary>
/// The options of <c>train logo</c>. The backbone comes from <see cref="Model"/> when given, else from
/// <c>logo-detection/model.yaml</c> under <c>--models-dir</c>.
/// </summary>
internal sealed record TrainLogoVerbOptions(string ModelsDir, string? Model, string Out, string WorkDir, string? ExtraImages, int SimpleIcons, int CropsPerPhoto) : IVerbOptions
{
    /// <summary>More crops per photo only repeat the photo; the bound keeps the feature pass finite.</summary>
    public const int MaxCropsPerPhoto = 100;

    public string ModelYaml => Model ?? Path.Combine(ModelsDir, "logo-detection", "model.yaml");

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Model is not null)
        {
            if (!File.Exists(Model))
            {
                errors.Add($"--model: file {Model} does not exist.");
            }
        }
        else if (CommonOptions.CheckModelsDir(ModelsDir) is { } e)
        {
            errors.Add(e);
        }
        else if (!File.Exists(ModelYaml))
        {
            errors.Add($"--models-dir: {ModelYaml} does not exist (or give --model).");
        }

        if (File.Exists(Out))
        {
            errors.Add($"--out: {Out} is a file, not a folder.");
        }

        if (File.Exists(WorkDir))
        {
            errors.Add($"--work-dir: {WorkDir} is a file, not a folder.");
        }

        if (ExtraImages is not null && !Directory.Exists(ExtraImages))
        {
            errors.Add($"--extra-images: folder {ExtraImages} does not exist.");
        }

        if (SimpleIcons < 1)
        {
            errors.Add("--simple-icons must be at least 1.");
        }

        if (CropsPerPhoto is < 1 or > MaxCropsPerPhoto)
        {
            errors.Add($"--crops-per-photo must be between 1 and {MaxCropsPerPhoto}.");
        }

        return errors;
    }
}
