using LiftWing.Cli.Commands;
using LiftWing.Core.Models;

namespace LiftWing.Cli.KServe;

/// <summary>Applies a <see cref="KServeTranslation"/> to <c>serve</c>'s options (which map onto the configuration tree).</summary>
internal static class KServeServeHook
{
    /// <summary>The options with KServe's arguments applied, or null (after writing why) when the layout cannot be served.</summary>
    public static async Task<ServeOptions?> ApplyAsync(KServeTranslation kserve, ServeOptions options, TextWriter log, TextWriter error)
    {
        if (kserve.IsEmpty)
        {
            return options;
        }

        foreach (var note in kserve.Notes)
        {
            await log.WriteLineAsync($"liftwing: {note}").ConfigureAwait(false);
        }

        var name = kserve.ModelName;
        var modelsDir = options.ModelsDir;
        try
        {
            if (kserve.SingleModelDirectory is { } single)
            {
                (modelsDir, name) = KServeModelLayout.LinkSingleModel(single, name);
                await log.WriteLineAsync($"liftwing: serving model {name} from {single}").ConfigureAwait(false);
            }
            else
            {
                modelsDir = kserve.ModelsDirectory ?? modelsDir;
                name = name is null ? null : DefinedName(modelsDir, name);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }

        return options with
        {
            ModelsDir = modelsDir,
            Only = name is null ? options.Only : [name],
            // KServe's model server listens on every interface; an explicit --host still wins.
            Host = options.Host ?? (kserve.BindAllInterfaces ? "*" : null),
            Port = kserve.Port ?? options.Port,
            GrpcPort = kserve.GrpcPort ?? options.GrpcPort,
        };
    }

    /// <summary>
    /// The model.yaml folder name matching a KServe name ignoring case (Kubernetes names are lower case, model names
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
