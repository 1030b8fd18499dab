using System.Text.Json;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Caching;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Inference;

public sealed class InferenceServiceTests
{
    private static (InferenceService Service, ModelRepository Repo) Build(TempModels models, TimeSpan? timeout = null, PredictionCache? cache = null)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var repo = new ModelRepository(
            [new DelegateModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c))],
            new ArtifactStore(Options.Create(new ArtifactStoreOptions())),
            services,
            Options.Create(new ModelRepositoryOptions { ModelsDirectory = models.Directory }));
        var svc = new InferenceService(repo, new LiftWingMetrics(), Options.Create(new InferenceOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(30) }), cache);
        return (svc, repo);
    }

    private static InferenceRequest Request(string model, string json) =>
        new() { ModelName = model, Body = JsonDocument.Parse(json).RootElement };

    [Fact]
    public async Task InferAsync_RunsTheStagesAndReturnsTheModelJson()
    {
        using var models = TempModels.Create(("e", TempModels.EchoYaml("e")));
        var (svc, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var r = await svc.InferAsync(Request("e", """{"a":1}"""), CancellationToken.None);
        Assert.Equal("""{"echo":{"a":1},"model":"e"}""", System.Text.Encoding.UTF8.GetString(r.Json.Span));
    }

    [Fact]
    public async Task TryAnswerFromMemory_TakesASuppliedKey_OnlyFromTheInstanceThatMadeIt()
    {
        using var models = TempModels.Create(("e", TempModels.EchoYaml("e", extra: "cache: { enabled: true, ttl: 1d }\n")));
        var cache = new PredictionCache(Options.Create(new PredictionCacheOptions { Store = CacheStoreKind.Memory }), new LiftWingMetrics(), TimeProvider.System, null);
        var (svc, repo) = Build(models, cache: cache);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);

        var first = Request("e", """{"a":1}""");
        var computed = await svc.InferAsync(first, CancellationToken.None);
        var key = Assert.IsType<string>(first.CacheKey);
        var model = repo.GetReady("e");

        Assert.True(svc.TryAnswerFromMemory(new InferenceRequest { ModelName = "e", CacheKey = key }, model, out var hit));
        Assert.Equal(computed.Json.ToArray(), hit.Json.ToArray());
        Assert.Equal("hit", hit.Cache?.Status);

        // A key made by another instance (one a reload has since replaced) is not taken; nor is a key nothing was stored under.
        var replaced = new EchoModel(new ModelConfig { Name = "e", Server = EchoModel.ServerType, Version = "1" });
        Assert.False(svc.TryAnswerFromMemory(new InferenceRequest { ModelName = "e", CacheKey = key }, replaced, out _));
        Assert.False(svc.TryAnswerFromMemory(new InferenceRequest { ModelName = "e", CacheKey = "not-stored" }, model, out _));
        Assert.Equal(1, ((EchoModel)model).PredictCount);

        // Remembered item keys serve the in-memory probe only: without the items there is nothing to compute.
        var remembered = new InferenceRequest { ModelName = "e", ItemCacheKeys = ["x", "y"] };
        Assert.False(svc.TryAnswerFromMemory(remembered, model, out _));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await svc.InferAsync(remembered, CancellationToken.None));
        Assert.Equal(1, ((EchoModel)model).PredictCount);
    }

    [Fact]
    public async Task InferAsync_UnknownModel_Throws404()
    {
        using var models = TempModels.Create();
        var (svc, _) = Build(models);
        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(async () => await svc.InferAsync(Request("x", "{}"), CancellationToken.None));
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task LoadFromDirectory_OneBadModel_OthersStillServe()
    {
        using var models = TempModels.Create(
            ("good", TempModels.EchoYaml("good")),
            ("bad", TempModels.EchoYaml("bad", extra: "options:\n  fail_load: true\n")),
            ("unknown", "name: unknown\nserver: nosuch\n"),
            ("garbled", "name: [\n"));
        var (svc, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        Assert.True(repo.GetReady("good").State.IsReady);
        Assert.Equal(ModelReadiness.Failed, repo.Models.Single(m => m.Config.Name == "bad").State.Readiness);
        Assert.Contains("unknown server type 'nosuch'", repo.Models.Single(m => m.Config.Name == "unknown").State.Reason, StringComparison.Ordinal);
        Assert.Contains("model.yaml", repo.Models.Single(m => m.Config.Name == "garbled").State.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelNotReadyException>(async () => await svc.InferAsync(Request("bad", "{}"), CancellationToken.None));
        await svc.InferAsync(Request("good", "{}"), CancellationToken.None);
    }

    [Fact]
    public async Task InferAsync_PredictThrows_IsAnInferenceError()
    {
        using var models = TempModels.Create(("e", TempModels.EchoYaml("e")));
        var (svc, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var ex = await Assert.ThrowsAsync<InferenceException>(async () => await svc.InferAsync(Request("e", """{"fail":"crash"}"""), CancellationToken.None));
        Assert.Equal(500, ex.StatusCode);
    }

    [Fact]
    public async Task InferAsync_Timeout_Is504AndCallerCancellationPropagates()
    {
        using var models = TempModels.Create(("e", TempModels.EchoYaml("e")));
        var (svc, repo) = Build(models, TimeSpan.FromMilliseconds(50));
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var ex = await Assert.ThrowsAsync<LiftWingException>(async () => await svc.InferAsync(Request("e", """{"sleep_ms":10000}"""), CancellationToken.None));
        Assert.Equal(504, ex.StatusCode);

        var (svc2, repo2) = Build(models);
        await repo2.LoadFromDirectoryAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await svc2.InferAsync(Request("e", """{"sleep_ms":10000}"""), cts.Token));
    }

    [Fact]
    public async Task UnloadAndLoad_ChangeReadiness()
    {
        using var models = TempModels.Create(("e", TempModels.EchoYaml("e")));
        var (_, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        await repo.UnloadAsync("e", CancellationToken.None);
        // As KServe's unload: the model is gone (404), not merely unready.
        Assert.Throws<ModelNotFoundException>(() => repo.GetReady("e"));
        await repo.LoadAsync("e", CancellationToken.None);
        Assert.True(repo.GetReady("e").State.IsReady);
    }
}
