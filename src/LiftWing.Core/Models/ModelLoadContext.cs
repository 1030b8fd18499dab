namespace LiftWing.Core.Models;

/// <summary>What a model gets when it loads: its artifacts, already pulled and checked. Services come through its constructor.</summary>
public sealed class ModelLoadContext(IReadOnlyDictionary<string, string> artifactPaths)
{
    /// <summary>Local file paths of the model's artifacts, by artifact name.</summary>
    public IReadOnlyDictionary<string, string> ArtifactPaths { get; } = artifactPaths;

    /// <summary>The local path of an artifact; a clear error when the model.yaml lacks it.</summary>
    public string GetArtifact(string name) =>
        ArtifactPaths.TryGetValue(name, out var path)
            ? path
            : throw new InvalidOperationException($"artifact '{name}' is not declared in model.yaml (have: {string.Join(", ", ArtifactPaths.Keys)}).");
}
