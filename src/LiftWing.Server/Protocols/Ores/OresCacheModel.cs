using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// The prediction cache's view of one upstream <c>(context, model)</c>: name <c>ores.{context}.{model}</c>, the catalogue
/// version, and the item key <c>{revid}</c> or <c>{revid}:features</c>. It never runs stages: the ORES adapter hands
/// the cache the upstream call as the computation.
/// </summary>
internal sealed class OresCacheModel(OresModelEntry entry, CacheSettings cache) : IModel
{
    /// <summary>The request item holding the cache key.</summary>
    public const string KeyItem = "ores.key";

    public ModelConfig Config { get; } = new()
    {
        Name = $"ores.{entry.Context}.{entry.Name}",
        Server = "ores-upstream",
        Version = entry.Version,
        Cache = cache,
    };

    public ModelState State => ModelState.Ready;

    public ModelMetadata Metadata { get; } = new();

    public Task LoadAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public void MarkFailed(string reason)
    {
    }

    public ValueTask<object?> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<object?> PredictAsync(object? input, InferenceRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<InferenceResponse> PostprocessAsync(object? output, InferenceRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public string? GetCacheKey(InferenceRequest request) => request.Items.TryGetValue(KeyItem, out var key) ? key as string : null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
