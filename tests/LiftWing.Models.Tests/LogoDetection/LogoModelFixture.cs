using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using LiftWing.Models.LogoDetection;
using LiftWing.Tests.Common;
using Microsoft.Extensions.Options;

namespace LiftWing.Models.Tests.LogoDetection;

/// <summary>
/// Loads models/logo-detection once: artifacts pulled through the real <see cref="ArtifactStore"/> (nuget: for the
/// backbone, file: for the committed head, both sha256-checked).
/// </summary>
public sealed class LogoModelFixture : IAsyncLifetime
{
    public ModelConfig Config { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Artifacts { get; private set; } = null!;

    public LogoDetectionModel Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Config = ModelConfigLoader.Load(Path.Combine(TestPaths.Models, "logo-detection", "model.yaml"));
        var store = new ArtifactStore(Options.Create(new ArtifactStoreOptions()));
        var paths = new Dictionary<string, string>();
        foreach (var a in Config.Artifacts)
        {
            paths[a.Name] = await store.EnsureAsync(a, Config.Directory, CancellationToken.None);
        }

        Artifacts = paths;
        Model = await LoadAsync(Config);
    }

    /// <summary>Loads another instance of the model with a different config (options).</summary>
    public async Task<LogoDetectionModel> LoadAsync(ModelConfig config)
    {
        var model = new LogoDetectionModel(config, TimeProvider.System, static () => new HttpClient(ImageUrlFetcher.CreateHandler()));
        await model.LoadAsync(new ModelLoadContext(Artifacts), CancellationToken.None);
        return model;
    }

    public async Task DisposeAsync() => await Model.DisposeAsync();
}
