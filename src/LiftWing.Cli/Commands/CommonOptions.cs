using System.CommandLine;

namespace LiftWing.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> Models() => new("--models")
    {
        Description = "The models folder (one sub-folder with a model.yaml per model). Default: ./models, or the nearest models/ above.",
        DefaultValueFactory = _ => FindModelsDirectory(),
    };

    /// <summary>./models if present, else the nearest models/ folder above the current directory.</summary>
    public static string FindModelsDirectory()
    {
        var dir = new DirectoryInfo(Environment.CurrentDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "model.yaml", SearchOption.AllDirectories).Any())
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        return Path.Combine(Environment.CurrentDirectory, "models");
    }

    public static Option<string[]> Only() => new("--only")
    {
        Description = "Serve or use only these models (comma-separated or repeated).",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };
}
