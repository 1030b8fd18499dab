using System.Text.Json;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Repository;

public sealed class ModelLifetimeTests
{
    private readonly List<GateModel> _created = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private (InferenceService Service, ModelRepository Repo) Build(TempModels models, TimeSpan? drain = null, params string[] only)
    {
        var options = new ModelRepositoryOptions { ModelsDirectory = models.Directory, DrainTimeout = drain ?? TimeSpan.FromSeconds(30) };
        foreach (var o in only)
        {
            options.Only.Add(o);
        }

        var repo = new ModelRepository(
            [new DelegateModelServer("gate", (c, sp) =>
            {
                var m = new GateModel(c, _gate) { FailLoad = c.Options.ValueKind == JsonValueKind.Object && c.Options.TryGetProperty("fail", out _) };
                lock (_created)
                {
                    _created.Add(m);
                }

                return m;
            })],
            new ArtifactStore(Options.Create(new ArtifactStoreOptions())),
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(options));
        return (new InferenceService(repo, new LiftWingMetrics(), Options.Create(new InferenceOptions())), repo);
    }

    private static InferenceRequest Request(string model) => new() { ModelName = model, Body = JsonDocument.Parse("{}").RootElement };

    [Fact]
    public async Task Unload_WaitsForTheRunningRequest_BeforeDisposing()
    {
        using var models = TempModels.Create(("g", "name: g\nserver: gate\n"));
        var (svc, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var running = svc.InferAsync(Request("g"), CancellationToken.None).AsTask();
        await _created[0].Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var unload = repo.UnloadAsync("g", CancellationToken.None);
        // New requests are refused at once while the running one finishes: the model is gone, as KServe's unload deletes it.
        await Assert.ThrowsAsync<ModelNotFoundException>(async () => await svc.InferAsync(Request("g"), CancellationToken.None));
        Assert.False(unload.IsCompleted);
        Assert.False(_created[0].Disposed);

        _gate.SetResult();
        var response = await running;
        await unload;
        Assert.Equal(200, response.StatusCode);
        Assert.True(_created[0].Disposed);
        Assert.False(_created[0].DisposedWhileRunning);
        await Assert.ThrowsAsync<ModelNotFoundException>(async () => await svc.InferAsync(Request("g"), CancellationToken.None));
    }

    [Fact]
    public async Task Unload_PastTheDrainTimeout_AnswersButDisposesOnlyAfterTheLastRequest()
    {
        using var models = TempModels.Create(("g", "name: g\nserver: gate\n"));
        var (svc, repo) = Build(models, drain: TimeSpan.Zero);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var running = svc.InferAsync(Request("g"), CancellationToken.None).AsTask();
        await _created[0].Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await repo.UnloadAsync("g", CancellationToken.None);
        Assert.False(_created[0].Disposed);

        _gate.SetResult();
        await running;
        await WaitUntilAsync(() => _created[0].Disposed);
        Assert.False(_created[0].DisposedWhileRunning);
    }

    [Fact]
    public async Task Reload_KeepsServingTheOldInstance_ThenSwaps()
    {
        using var models = TempModels.Create(("g", "name: g\nserver: gate\n"));
        var (svc, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var old = _created[0];
        var running = svc.InferAsync(Request("g"), CancellationToken.None).AsTask();
        await old.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var reload = repo.LoadAsync("g", CancellationToken.None);
        await WaitUntilAsync(() => _created.Count == 2 && ReferenceEquals(repo.GetReady("g"), _created[1]));
        // The model is ready throughout: a request now goes to the new instance (no 503).
        Assert.True(repo.GetReady("g").State.IsReady);
        var next = svc.InferAsync(Request("g"), CancellationToken.None).AsTask();
        await _created[1].Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(old.Disposed);

        _gate.SetResult();
        await running;
        await next;
        await reload;
        Assert.True(old.Disposed);
        Assert.False(old.DisposedWhileRunning);
        Assert.False(_created[1].Disposed);
    }

    [Fact]
    public async Task Reload_ThatFails_LeavesTheOldInstanceServing()
    {
        using var models = TempModels.Create(("g", "name: g\nserver: gate\n"));
        var (svc, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        models.Write("g", "name: g\nserver: gate\noptions:\n  fail: true\n");
        var failed = await repo.LoadAsync("g", CancellationToken.None);
        Assert.Equal(ModelReadiness.Failed, failed.State.Readiness);
        Assert.Same(_created[0], repo.GetReady("g"));
        _gate.SetResult();
        Assert.Equal(200, (await svc.InferAsync(Request("g"), CancellationToken.None)).StatusCode);
    }

    [Fact]
    public async Task Reload_WithInvalidYaml_NamesTheYamlProblem()
    {
        using var models = TempModels.Create(("g", "name: [\n"));
        var (_, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => repo.LoadAsync("g", CancellationToken.None));
        Assert.Contains("model.yaml", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown server type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_HonoursOnly()
    {
        using var models = TempModels.Create(("a", "name: a\nserver: gate\n"), ("b", "name: b\nserver: gate\n"));
        var (_, repo) = Build(models, null, "a");
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => repo.LoadAsync("b", CancellationToken.None));
        Assert.False(repo.TryGet("b", out _));
        Assert.Equal(["a"], repo.Index().Select(e => e.Name));
        Assert.True((await repo.LoadAsync("a", CancellationToken.None)).State.IsReady);
    }

    [Fact]
    public async Task DuplicateNames_RefuseToLoad_WithTheReason()
    {
        using var models = TempModels.Create(("one", "name: twin\nserver: gate\n"), ("two", "name: twin\nserver: gate\n"), ("c", "name: c\nserver: gate\n"));
        var (_, repo) = Build(models);
        await repo.LoadFromDirectoryAsync(CancellationToken.None);
        var twin = repo.Models.Single(m => m.Config.Name == "twin");
        Assert.Equal(ModelReadiness.Failed, twin.State.Readiness);
        Assert.Contains("duplicate model name 'twin'", twin.State.Reason, StringComparison.Ordinal);
        Assert.Contains("one/model.yaml", twin.State.Reason, StringComparison.Ordinal);
        Assert.Contains("two/model.yaml", twin.State.Reason, StringComparison.Ordinal);
        Assert.True(repo.GetReady("c").State.IsReady);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
