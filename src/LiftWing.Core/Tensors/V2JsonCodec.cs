using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using LiftWing.Core.Errors;

namespace LiftWing.Core.Tensors;

/// <summary>
/// Decodes and encodes Open Inference Protocol (V2) REST JSON with typed readers and writers (no boxed elements).
/// Every malformed request is an <see cref="InvalidInputException"/> naming the field, never a 500.
/// </summary>
public static class V2JsonCodec
{
    /// <summary>The JSON nesting depth allowed when none is given.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The most tensor elements one request may carry (all inputs together) unless the caller says otherwise.</summary>
    public const long DefaultMaxElements = 1024 * 1024;

    /// <summary>The most dimensions a tensor shape may have.</summary>
    public const int MaxRank = 32;

    /// <summary>Decodes a V2 infer request body (UTF-8 JSON).</summary>
    public static InferTensorRequest DecodeRequest(ReadOnlySpan<byte> utf8Json, int maxDepth = DefaultMaxDepth) =>
        DecodeRequest(utf8Json, default, maxDepth);

    /// <summary>
    /// Decodes a V2 infer request whose JSON is followed by a binary section (the binary tensor extension);
    /// inputs with a <c>binary_data_size</c> parameter take their bytes from it in order.
    /// </summary>
    public static InferTensorRequest DecodeRequest(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> binary, int maxDepth) =>
        DecodeRequest(utf8Json, binary, maxDepth, DefaultMaxElements);

    /// <summary>
    /// The same with an element limit: more than <paramref name="maxElements"/> elements in all inputs together, a
    /// shape of more than <see cref="MaxRank"/> dimensions or one whose element count overflows is a 400 naming the
    /// input, before its data is read or allocated, so one request cannot buy seconds of decoding and inference.
    /// </summary>
    public static InferTensorRequest DecodeRequest(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> binary, int maxDepth, long maxElements)
    {
        try
        {
            return V2RequestReader.Read(utf8Json, binary, maxDepth, new TensorElementBudget(maxElements));
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(utf8Json.IsEmpty
                ? "Unrecognized request format: the request body is empty"
                : $"Unrecognized request format: {ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.')}.");
        }
    }

    /// <summary>Decodes a V2 infer request from an already parsed element, with the default element limit.</summary>
    public static InferTensorRequest DecodeRequest(JsonElement root) => DecodeRequest(root, DefaultMaxElements);

    /// <summary>Decodes a V2 infer request from an already parsed element, with at most <paramref name="maxElements"/> elements in all inputs.</summary>
    public static InferTensorRequest DecodeRequest(JsonElement root, long maxElements) =>
        root.ValueKind == JsonValueKind.Object
            ? DecodeRequest(JsonMarshal.GetRawUtf8Value(root), default, DefaultMaxDepth, maxElements)
            : throw new InvalidInputException("Expected a JSON object with an 'inputs' array.");

    /// <summary>Encodes a V2 infer response as UTF-8 JSON.</summary>
    public static byte[] EncodeResponse(InferTensorResponse response)
    {
        using var buffer = new PooledBufferWriter(16 * 1024);
        EncodeResponse(response, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes a V2 infer response. Outputs named in <paramref name="binaryOutputs"/> carry only a
    /// <c>binary_data_size</c> parameter; the caller appends their raw bytes after the JSON, in output order.
    /// </summary>
    public static void EncodeResponse(InferTensorResponse response, IBufferWriter<byte> output, IReadOnlySet<string>? binaryOutputs = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteString("model_name"u8, response.ModelName);
        if (response.ModelVersion is not null)
        {
            w.WriteString("model_version"u8, response.ModelVersion);
        }

        if (response.Id is not null)
        {
            w.WriteString("id"u8, response.Id);
        }

        if (response.Parameters is { Count: > 0 })
        {
            w.WritePropertyName("parameters"u8);
            V2JsonTensorWriter.WriteParameters(w, response.Parameters, null);
        }

        w.WriteStartArray("outputs"u8);
        foreach (var t in response.Outputs)
        {
            V2JsonTensorWriter.Write(w, t, binaryOutputs?.Contains(t.Name) == true);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes one tensor object.</summary>
    public static void WriteTensor(Utf8JsonWriter w, TensorData t) => V2JsonTensorWriter.Write(w, t, binary: false);
}
