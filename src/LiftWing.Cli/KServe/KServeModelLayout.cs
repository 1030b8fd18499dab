using LiftWing.Core.Models;

namespace LiftWing.Cli.KServe;

/// <summary>
/// Makes KServe's one-model layout (model.yaml directly in <c>/mnt/models</c>) look like a LiftWing models
/// folder: a private folder with one link named after the model, so the repository code stays as it is.
/// </summary>
internal static class KServeModelLayout
{
    /// <summary>Returns the models folder to serve and the model's name (<paramref name="modelName"/>, else model.yaml's name).</summary>
    public static (string ModelsDirectory, string ModelName) LinkSingleModel(string modelDirectory, string? modelName)
    {
        var name = ModelConfigLoader.Load(Path.Combine(modelDirectory, "model.yaml")).Name;
        // Kubernetes names are lower case; model.yaml's name (the URL's model name) wins when only case differs.
        if (modelName is not null && !string.Equals(modelName, name, StringComparison.OrdinalIgnoreCase))
        {
            // KServe routes on the InferenceService name; a different model.yaml name would serve nothing.
            throw new InvalidDataException($"{modelDirectory}/model.yaml defines model '{name}', not --model_name '{modelName}'.");
        }

        // Under the temp folder: the only writable place in a read-only root filesystem (an emptyDir in the pod).
        var root = Path.Combine(Path.GetTempPath(), $"liftwing-kserve-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        var link = Path.Combine(root, name);
        if (Directory.Exists(link))
        {
            Directory.Delete(link);
        }

        Directory.CreateSymbolicLink(link, modelDirectory);
        return (root, name);
    }
}
