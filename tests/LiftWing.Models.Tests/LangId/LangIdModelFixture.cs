using LiftWing.Core.Models;
using LiftWing.Models.LangId;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.LangId;

/// <summary>The langid model from models/langid/model.yaml, loaded once on the real lid.176.ftz.</summary>
public sealed class LangIdModelFixture : IAsyncLifetime
{
    public LangIdModel Model { get; private set; } = null!;

    public string ModelPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ModelPath = await LangIdArtifacts.ModelPathAsync();
        Model = new LangIdModel(LangIdArtifacts.Config);
        await Model.LoadAsync(new ModelLoadContext(new Dictionary<string, string> { ["model"] = ModelPath }), CancellationToken.None);
    }

    public Task DisposeAsync() => Model.DisposeAsync().AsTask();
}
