using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using Microsoft.Extensions.Options;

namespace LiftWing.Tests.Common;

/// <summary>The real lid.176.ftz, pulled once through the artifact store from the spec in models/langid/model.yaml.</summary>
public static class LangIdArtifacts
{
    private static readonly Lazy<Task<string>> s_model = new(PullAsync);

    /// <summary>models/langid/model.yaml.</summary>
    public static ModelConfig Config => ModelConfigLoader.Load(Path.Combine(TestPaths.Models, "langid", "model.yaml"));

    /// <summary>The local path of lid.176.ftz (pulled with npm and sha256-checked on first use).</summary>
    public static Task<string> ModelPathAsync() => s_model.Value;

    private static Task<string> PullAsync()
    {
        var config = Config;
        var store = new ArtifactStore(Options.Create(new ArtifactStoreOptions()));
        return store.EnsureAsync(config.Artifacts.Single(a => a.Name == "model"), config.Directory, CancellationToken.None);
    }
}
