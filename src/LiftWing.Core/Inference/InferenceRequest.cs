using System.Text.Json;
using LiftWing.Core.Tensors;

namespace LiftWing.Core.Inference;

/// <summary>One request as the data plane sees it, whatever protocol it came through.</summary>
public sealed class InferenceRequest
{
    /// <summary>The model name from the URL.</summary>
    public required string ModelName { get; init; }

    /// <summary>The protocol it came through.</summary>
    public InferenceProtocol Protocol { get; init; } = InferenceProtocol.V1;

    /// <summary>The JSON body (a JSON object) for V1 and OpenAI requests.</summary>
    public JsonElement Body { get; init; }

    /// <summary>The decoded tensors for V2 requests.</summary>
    public InferTensorRequest? Tensors { get; init; }

    /// <summary>The request id (<c>x-request-id</c>).</summary>
    public string RequestId { get; init; } = "";

    /// <summary>Request headers the model may read (lower-case names).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-request scratch space for the stages (made on first use: most requests never touch it).</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>();

    /// <summary>
    /// What the prediction cache worked out for this request (the model's key, or the batch split and item keys), so the
    /// L1 probe and the full lookup ask the model once.
    /// </summary>
    internal object? CacheState { get; set; }

    /// <summary>
    /// The model's own cache key (<see cref="Models.IModel.GetCacheKey"/>) once the cache has asked for it, or as the
    /// caller supplied it; null when not known or the request has a batch plan. A caller that supplies it vouches that
    /// it is what the model would make of this request: the edge's cached-hit lane remembers it for byte-identical
    /// bodies that passed the same checks.
    /// </summary>
    public string? CacheKey
    {
        get => CacheState as string;
        init
        {
            if (value is not null)
            {
                CacheState = value;
            }
        }
    }

    /// <summary>
    /// The model's own keys of a batch's items (<see cref="Caching.IBatchCacheable"/>) once the cache has split it, or as
    /// the caller supplied them; null otherwise. Supplied keys (instead of <see cref="CacheKey"/>, and with the same
    /// promise) serve <see cref="InferenceService.TryAnswerFromMemory"/> only, since the items are not there to compute.
    /// </summary>
    public IReadOnlyList<string>? ItemCacheKeys
    {
        get => CacheState switch
        {
            Caching.BatchPlan plan => plan.ItemKeys(),
            Caching.RememberedItemKeys remembered => remembered.Keys,
            _ => null,
        };
        init
        {
            if (value is not null)
            {
                CacheState = new Caching.RememberedItemKeys([.. value]);
            }
        }
    }

    private Dictionary<string, object?>? _items;
}
