using System.Buffers;
using System.Text.Json;
using LiftWing.Core.Caching;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;

namespace LiftWing.Models.LangId;

/// <summary>
/// Per-item caching of <c>{"instances": [...]}</c> batches: an item is the one-instance batch
/// <c>{"instances": [item], "k": k}</c>, whose answer is <c>{"predictions": [p]}</c>; joining keeps each item's raw
/// JSON, so a joined answer is byte for byte what the whole batch gives.
/// </summary>
public sealed partial class LangIdModel : IBatchCacheable
{
    /// <inheritdoc />
    public IReadOnlyList<InferenceRequest>? SplitRequest(InferenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.ValueKind != JsonValueKind.Object || !request.Body.TryGetProperty("instances", out _))
        {
            return null; // not a batch, valid or not: decided without parsing the texts
        }

        try
        {
            if (!Parse(request.Body).IsBatch)
            {
                return null;
            }
        }
        catch (LiftWingException)
        {
            return null; // invalid requests go through the model, which names the problem
        }

        var items = request.Body.GetProperty("instances");
        if (items.GetArrayLength() < 2)
        {
            return null;
        }

        var k = request.Body.TryGetProperty("k", out var kv) ? kv.GetRawText() : null;
        return items.EnumerateArray().Select(i => WithBody(request, BatchBody([i.GetRawText()], k))).ToList();
    }

    /// <inheritdoc />
    public InferenceRequest JoinRequests(InferenceRequest original, IReadOnlyList<InferenceRequest> items)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(items);
        var k = original.Body.TryGetProperty("k", out var kv) ? kv.GetRawText() : null;
        return WithBody(original, BatchBody(items.Select(i => i.Body.GetProperty("instances")[0].GetRawText()), k));
    }

    /// <inheritdoc />
    public IReadOnlyList<InferenceResponse> SplitResponse(InferenceResponse response, int count)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var doc = JsonDocument.Parse(response.Json);
        var items = doc.RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => InferenceResponse.FromUtf8(Utf8("{\"predictions\":[" + p.GetRawText() + "]}")))
            .ToList();
        return items.Count == count ? items : throw new InferenceException($"expected {count} predictions, got {items.Count}.");
    }

    /// <inheritdoc />
    public InferenceResponse JoinResponses(InferenceRequest original, IReadOnlyList<InferenceResponse> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var capacity = 16;
        for (var i = 0; i < items.Count; i++)
        {
            capacity += items[i].Json.Length;
        }

        var buffer = new ArrayBufferWriter<byte>(capacity);
        buffer.Write("{\"predictions\":["u8);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            if (TrySliceOnlyPrediction(items[i].Json.Span, out var prediction))
            {
                buffer.Write(prediction);
                continue;
            }

            using var doc = JsonDocument.Parse(items[i].Json);
            buffer.Write(Utf8(doc.RootElement.GetProperty("predictions")[0].GetRawText()));
        }

        buffer.Write("]}"u8);
        return InferenceResponse.FromUtf8(buffer.WrittenMemory.ToArray());
    }

    /// <summary>
    /// The prediction of an item answer as <see cref="SplitResponse"/> writes it, <c>{"predictions":[P]}</c>, sliced out
    /// without parsing the answer (P is the same bytes the parse would give back); false for any other shape.
    /// </summary>
    private static bool TrySliceOnlyPrediction(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> prediction)
    {
        prediction = default;
        var head = "{\"predictions\":["u8;
        var tail = "]}"u8;
        if (json.Length <= head.Length + tail.Length || !json.StartsWith(head) || !json.EndsWith(tail))
        {
            return false;
        }

        var inner = json[head.Length..^tail.Length];
        try
        {
            // Exactly one JSON object: not two items, not a truncated one.
            var reader = new Utf8JsonReader(inner);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            if (reader.BytesConsumed != inner.Length)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        prediction = inner;
        return true;
    }

    private static string BatchBody(IEnumerable<string> rawItems, string? rawK) =>
        "{\"instances\":[" + string.Join(",", rawItems) + "]" + (rawK is null ? "" : ",\"k\":" + rawK) + "}";

    private static InferenceRequest WithBody(InferenceRequest request, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return new InferenceRequest
        {
            ModelName = request.ModelName,
            Protocol = request.Protocol,
            Body = doc.RootElement.Clone(),
            RequestId = request.RequestId,
            Headers = request.Headers,
        };
    }

    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
