using LiftWing.Core.Models;
using LiftWing.Server;

namespace LiftWing.Cli.KServe;

/// <summary>Applies a <see cref="KServeTranslation"/> to <c>serve</c>'s host settings.</summary>
internal static class KServeServeHook
{
    /// <summary>Returns false (after writing why) when the KServe layout cannot be served.</summary>
    public static async Task<bool> ApplyAsync(KServeTranslation kserve, LiftWingHostSettings settings, TextWriter log, TextWriter error)
    {
        if (kserve.IsEmpty)
        {
            return true;
        }

        foreach (var note in kserve.Notes)
        {
            await log.WriteLineAsync($"liftwing: {note}").ConfigureAwait(false);
        }

        var name = kserve.ModelName;
        try
        {
            if (kserve.SingleModelDirectory is { } single)
            {
                (settings.ModelsDirectory, name) = KServeModelLayout.LinkSingleModel(single, name);
                await log.WriteLineAsync($"liftwing: serving model {name} from {single}").ConfigureAwait(false);
            }
            else
            {
                settings.ModelsDirectory = kserve.ModelsDirectory ?? settings.ModelsDirectory;
                name = name is null ? null : DefinedName(settings.ModelsDirectory, name);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return false;
        }

        if (name is not null)
        {
            settings.Only.Clear();
            settings.Only.Add(name);
        }

        return true;
    }

    /// <summary>
    /// The model.yaml name matching a KServe name ignoring case (Kubernetes names are lower case, model names
    /// such as all-MiniLM-L6-v2 are not), else the name as given.
    /// </summary>
    private static string DefinedName(string modelsDirectory, string name)
    {
        var folder = ModelConfigLoader.Discover(modelsDirectory)
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p))!)
            .FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return folder ?? name;
    }
}
