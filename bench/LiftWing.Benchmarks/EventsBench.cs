using System.Text.Json;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Benchmarks;

/// <summary>The pieces both events benchmarks need: a repository with the bench classifier, a 201 EventGate, an outbox.</summary>
internal sealed class EventsBench : IAsyncDisposable
{
    private readonly TempModels _models;
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-bench-events-").FullName;

    private EventsBench(TempModels models, ModelRepository repository, LoopbackHttpServer gate)
    {
        _models = models;
        Repository = repository;
        Gate = gate;
    }

    public ModelRepository Repository { get; }

    /// <summary>EventGate answering 201 at once (LiftWing's side is measured, not a validator's).</summary>
    public LoopbackHttpServer Gate { get; }

    public string OutboxPath => Path.Combine(_dir, "events.db");

    /// <summary>The sender's client (the server gets it from IHttpClientFactory; each POST is bounded by the sender).</summary>
    public static HttpClient Http { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The recorded changeprop request body.</summary>
    public static JsonElement EventBody(int n) =>
        PageChangeEvents.Element(new System.Text.Json.Nodes.JsonObject { ["event"] = PageChangeEvents.Variant(n, 1319367938) });

    public static async Task<EventsBench> StartAsync()
    {
        var models = TempModels.Create(("rr", "name: rr\nserver: classifier\nversion: \"1\"\ncache: { enabled: false }\n"));
        var repository = new ModelRepository(
            [new DelegateModelServer("classifier", static (c, _) => new ClassifierBenchModel(c))],
            new ArtifactStore(Microsoft.Extensions.Options.Options.Create(new ArtifactStoreOptions())),
            new ServiceCollection().BuildServiceProvider(),
            Microsoft.Extensions.Options.Options.Create(new ModelRepositoryOptions { ModelsDirectory = models.Directory }));
        await repository.LoadFromDirectoryAsync(CancellationToken.None);
        var gate = new LoopbackHttpServer(static async (request, stream, ct) =>
        {
            // Read the whole body (closing on unread data would reset the connection), then 201 as EventGate does.
            var length = request.Headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
            await stream.ReadExactlyAsync(new byte[length], ct);
            await stream.WriteAsync("HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
        });
        return new EventsBench(models, repository, gate);
    }

    public EventsOptions Options(OutboxKind outbox = OutboxKind.Sqlite, string redis = "127.0.0.1:6379") => new()
    {
        EventGateUrl = new Uri(Gate.BaseAddress, "v1/events").ToString(),
        Outbox = outbox,
        SqlitePath = OutboxPath,
        Redis = redis,
        RedisPrefix = "lw:bench:" + Guid.NewGuid().ToString("N")[..8] + ":",
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    public InferenceService Inference(PredictionEventEmitter? emitter) =>
        new(Repository, new LiftWingMetrics(), Microsoft.Extensions.Options.Options.Create(new InferenceOptions()), null, emitter);

    public async ValueTask DisposeAsync()
    {
        await Gate.DisposeAsync();
        _models.Dispose();
        Directory.Delete(_dir, true);
    }
}
