using System.Text.Json;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Repository;

public sealed class ModelLoadConcurrencyTests
{
    [Fact]
    public async Task SynchronousLoads_RunAtTheSameTime()
    {
        // Each load blocks its thread until the other has started too: run one after another (as when the loads were
        // awaited on one thread), the first would give up waiting and both models would fail.
        using var models = TempModels.Create(("a", "name: a\nserver: rendezvous\n"), ("b", "name: b\nserver: rendezvous\n"));
        using var barrier = new Barrier(2);
        var repo = new ModelRepository(
            [new DelegateModelServer("rendezvous", (c, _) => new RendezvousModel(c, barrier))],
            new ArtifactStore(Options.Create(new ArtifactStoreOptions())),
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ModelRepositoryOptions { ModelsDirectory = models.Directory, LoadConcurrency = 2 }));
        await using (repo)
        {
            await repo.LoadFromDirectoryAsync(CancellationToken.None);
            Assert.True(repo.AllReady, string.Join("; ", repo.Index().Select(m => $"{m.Name}: {m.State.Reason}")));
        }
    }

    private sealed class RendezvousModel(ModelConfig config, Barrier barrier) : ModelBase<JsonElement, JsonElement>(config)
    {
        protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) =>
            barrier.SignalAndWait(TimeSpan.FromSeconds(30), cancellationToken)
                ? Task.CompletedTask
                : throw new InvalidOperationException("the other model did not start loading");

        protected override ValueTask<JsonElement> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Body);

        protected override ValueTask<JsonElement> PredictAsync(JsonElement input, InferenceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(input);

        protected override ValueTask<InferenceResponse> PostprocessAsync(JsonElement output, InferenceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(InferenceResponse.FromUtf8("{}"u8.ToArray()));
    }
}
