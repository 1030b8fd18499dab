using System.Text.Json;
using LiftWing.Core.Caching;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Caching;

/// <summary>Builds caches, models and requests for the cache unit tests.</summary>
internal static class CacheHarness
{
    public static ModelConfig Config(string name, string version = "1", string ttl = "30d", bool enabled = true) =>
        new() { Name = name, Server = "echo", Version = version, Cache = new CacheSettings { Enabled = enabled, Ttl = ttl } };

    public static PredictionCache Cache(TimeProvider time, IPredictionStore? store, Action<PredictionCacheOptions>? configure = null)
    {
        var o = new PredictionCacheOptions { Store = store is null ? CacheStoreKind.Memory : CacheStoreKind.Sqlite };
        configure?.Invoke(o);
        return new PredictionCache(Options.Create(o), new LiftWingMetrics(), time, store);
    }

    public static InferenceRequest Request(string model, string json, string? cacheControl = null) => new()
    {
        ModelName = model,
        Body = JsonDocument.Parse(json).RootElement,
        Headers = cacheControl is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["cache-control"] = cacheControl },
    };

    public static ValueTask<InferenceResponse> Run(PredictionCache cache, IModel model, InferenceRequest request) =>
        cache.GetOrComputeAsync(model, request, async (r, ct) =>
        {
            var input = await model.PreprocessAsync(r, ct);
            var output = await model.PredictAsync(input, r, ct);
            return await model.PostprocessAsync(output, r, ct);
        }, CancellationToken.None);

    public static string Temp() => Path.Combine(Path.GetTempPath(), "lw-cache-" + Guid.NewGuid().ToString("N") + ".db");
}
