using System.Text;
using System.Text.Json;
using LiftWing.Core.Caching;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Tests.Common;

/// <summary>
/// A batch test model: <c>{"instances": [x, ...]}</c> → <c>{"predictions": [{"echo": x}, ...]}</c>, with
/// per-item cache lookups (<see cref="IBatchCacheable"/>). <see cref="ItemsComputed"/> counts computed items.
/// </summary>
public sealed class BatchEchoModel(ModelConfig config) : ModelBase<JsonElement[], JsonElement[]>(config), IBatchCacheable
{
    /// <summary>The server type to register it under.</summary>
    public const string ServerType = "batch-echo";

    private int _itemsComputed;
    private int _keyCount;

    /// <summary>How many times the cache asked for a key (the whole batch's or an item's).</summary>
    public int KeyCount => _keyCount;

    /// <summary>How many items predict has run on.</summary>
    public int ItemsComputed => _itemsComputed;

    /// <inheritdoc />
    protected override Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected override ValueTask<JsonElement[]> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Instances(request).Select(e => e.Clone()).ToArray());

    /// <inheritdoc />
    protected override ValueTask<JsonElement[]> PredictAsync(JsonElement[] input, InferenceRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _itemsComputed, input.Length);
        return ValueTask.FromResult(input);
    }

    /// <inheritdoc />
    protected override ValueTask<InferenceResponse> PostprocessAsync(JsonElement[] output, InferenceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Join(output.Select(e => Encoding.UTF8.GetBytes("{\"echo\":" + e.GetRawText() + "}"))));

    /// <inheritdoc />
    public override string? GetCacheKey(InferenceRequest request)
    {
        Interlocked.Increment(ref _keyCount);
        return request is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(request.Body.GetRawText())));
    }

    /// <inheritdoc />
    public IReadOnlyList<InferenceRequest>? SplitRequest(InferenceRequest request)
    {
        var items = Instances(request);
        return items.Length < 2 ? null : items.Select(e => Item(request, "{\"instances\":[" + e.GetRawText() + "]}")).ToList();
    }

    /// <inheritdoc />
    public InferenceRequest JoinRequests(InferenceRequest original, IReadOnlyList<InferenceRequest> items) =>
        Item(original, "{\"instances\":[" + string.Join(",", items.Select(i => i.Body.GetProperty("instances")[0].GetRawText())) + "]}");

    /// <inheritdoc />
    public IReadOnlyList<InferenceResponse> SplitResponse(InferenceResponse response, int count)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var doc = JsonDocument.Parse(response.Json);
        return doc.RootElement.GetProperty("predictions").EnumerateArray().Select(p => InferenceResponse.FromUtf8(Encoding.UTF8.GetBytes(p.GetRawText()))).ToList();
    }

    /// <inheritdoc />
    public InferenceResponse JoinResponses(InferenceRequest original, IReadOnlyList<InferenceResponse> items) =>
        Join(items.Select(i => i.Json.ToArray()));

    private static InferenceResponse Join(IEnumerable<byte[]> parts)
    {
        using var ms = new MemoryStream();
        ms.Write("{\"predictions\":["u8);
        var first = true;
        foreach (var p in parts)
        {
            if (!first)
            {
                ms.WriteByte((byte)',');
            }

            first = false;
            ms.Write(p);
        }

        ms.Write("]}"u8);
        return InferenceResponse.FromUtf8(ms.ToArray());
    }

    private static JsonElement[] Instances(InferenceRequest request) =>
        request.Body.ValueKind == JsonValueKind.Object && request.Body.TryGetProperty("instances", out var i) && i.ValueKind == JsonValueKind.Array
            ? i.EnumerateArray().ToArray()
            : throw new InvalidInputException("Expected {\"instances\": [...]}.");

    private static InferenceRequest Item(InferenceRequest original, string json) => new()
    {
        ModelName = original.ModelName,
        Protocol = original.Protocol,
        Body = JsonDocument.Parse(json).RootElement,
        RequestId = original.RequestId,
        Headers = original.Headers,
    };
}
