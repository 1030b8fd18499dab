using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Benchmarks;

/// <summary>
/// all-MiniLM-L6-v2 through the data plane (preprocess → ONNX → postprocess, no HTTP): one sentence alone, and
/// 16 concurrent clients each sending one sentence per request with dynamic batching off and on, in one run.
/// Throughput = 1 / mean time per request. Artifacts must be pulled first (<c>liftwing models pull</c>). Run:
/// <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter *HuggingFace* --inProcess --launchCount 1 --warmupCount 3 --iterationCount 10</c>.
/// </summary>
[MemoryDiagnoser]
public class HuggingFaceBenchmarks
{
    private const int Concurrency = 16;
    private const int RequestsPerClient = 8;
    private const string Batched = "minilm-batched";
    private const string Unbatched = "minilm-unbatched";

    // Wikipedia-like sentences of 7 to 30 tokens, so batches carry padding as real traffic would.
    private static readonly string[] s_sentences =
    [
        "The weather is lovely today.",
        "Paris is the capital and most populous city of France.",
        "A cat sits on the mat",
        "The Eiffel Tower was completed in 1889 for the World's Fair.",
        "Wikipedia is a free online encyclopedia written and maintained by a community of volunteers.",
        "He drove to the stadium.",
        "Photosynthesis converts light energy into chemical energy stored in glucose.",
        "The river flows north through three countries before reaching the sea.",
        "This article needs additional citations for verification.",
        "It's so sunny outside!",
        "The album received positive reviews from critics, who praised its production and lyrics.",
        "Machine learning models are served behind one HTTP API on Lift Wing.",
        "She was elected to the city council in 2014 and re-elected in 2018.",
        "A kitten is on the rug",
        "The species is native to the tropical forests of Central and South America.",
        "Revert risk predicts whether an edit will be reverted.",
    ];

    private ServiceProvider _services = null!;
    private InferenceService _inference = null!;
    private JsonElement[] _bodies = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = new ServiceCollection().AddLogging().AddLiftWingCore().AddLiftWingModels().BuildServiceProvider();
        var repository = _services.GetRequiredService<ModelRepository>();
        var config = ModelConfigLoader.Load(Path.Combine(TestPaths.Models, "all-MiniLM-L6-v2", "model.yaml"));
        foreach (var (name, batching) in new[] { (Batched, true), (Unbatched, false) })
        {
            var model = await repository.AddAsync(config with { Name = name, Batching = config.Batching with { Enabled = batching } }, CancellationToken.None);
            if (!model.State.IsReady)
            {
                throw new InvalidOperationException($"{name} did not load: {model.State.Reason}");
            }
        }

        _inference = _services.GetRequiredService<InferenceService>();
        _bodies = s_sentences.Select(s => JsonSerializer.SerializeToElement(new { instances = new[] { s } })).ToArray();
        foreach (var body in _bodies)
        {
            await PredictAsync(Unbatched, body);
            await PredictAsync(Batched, body);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    private ValueTask<InferenceResponse> PredictAsync(string model, JsonElement body) =>
        _inference.InferAsync(new InferenceRequest { ModelName = model, Body = body }, CancellationToken.None);

    /// <summary>Latency of one short sentence ("The weather is lovely today.", 8 tokens), no batcher.</summary>
    [Benchmark]
    public async Task<InferenceResponse> SingleSentence() => await PredictAsync(Unbatched, _bodies[0]);

    /// <summary>
    /// The same sentence through the model as shipped (dynamic batching on): since issue 21 a request that finds no
    /// other in flight runs at once, so this matches <see cref="SingleSentence"/> instead of adding the 2 ms window.
    /// </summary>
    [Benchmark]
    public async Task<InferenceResponse> SingleSentence_Batched() => await PredictAsync(Batched, _bodies[0]);

    /// <summary>16 clients, one sentence per request, every request its own ONNX call.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency * RequestsPerClient)]
    public Task Concurrency16_NoBatching() => RunClientsAsync(Unbatched);

    /// <summary>16 clients, one sentence per request, merged by the dynamic batcher (max 32, 2 ms).</summary>
    [Benchmark(OperationsPerInvoke = Concurrency * RequestsPerClient)]
    public Task Concurrency16_DynamicBatching() => RunClientsAsync(Batched);

    private Task RunClientsAsync(string model) => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(c => Task.Run(async () =>
    {
        for (var i = 0; i < RequestsPerClient; i++)
        {
            await PredictAsync(model, _bodies[(c + i) % _bodies.Length]);
        }
    })));
}
