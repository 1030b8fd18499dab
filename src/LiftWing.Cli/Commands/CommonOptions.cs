using System.CommandLine;
using System.Globalization;
using LiftWing.Core.Configuration;

namespace LiftWing.Cli.Commands;

/// <summary>Options with the same name and meaning on every verb: <c>--models-dir DIR</c> and <c>--only a,b</c>.</summary>
internal static class CommonOptions
{
    public static Option<string> ModelsDir() => new("--models-dir")
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

    public static Option<string[]> Only(string description = "Use only these models (comma-separated or repeated).") => new("--only")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };

    /// <summary>The configuration keys of <c>--models-dir</c> and <c>--only</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ModelKeys(string modelsDir, IReadOnlyList<string> only)
    {
        yield return KeyValuePair.Create(LiftWingConfiguration.Models + ":Directory", (string?)Path.GetFullPath(modelsDir));
        for (var i = 0; i < only.Count; i++)
        {
            yield return KeyValuePair.Create(string.Create(CultureInfo.InvariantCulture, $"{LiftWingConfiguration.Models}:Only:{i}"), (string?)only[i]);
        }
    }

    /// <summary>A models folder that does not exist, as a message; null when it does.</summary>
    public static string? CheckModelsDir(string modelsDir) =>
        Directory.Exists(modelsDir) ? null : $"Models folder {modelsDir} does not exist (use --models-dir).";
}
