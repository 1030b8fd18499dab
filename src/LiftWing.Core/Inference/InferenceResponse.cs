using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiftWing.Core.Tensors;

namespace LiftWing.Core.Inference;

/// <summary>
/// A model's answer: UTF-8 JSON bytes (V1/OpenAI) or tensors (V2). Holding bytes lets the cache return a
/// response byte for byte.
/// </summary>
public sealed class InferenceResponse
{
    /// <summary>The UTF-8 JSON body, for V1/OpenAI responses.</summary>
    public ReadOnlyMemory<byte> Json { get; init; }

    /// <summary>The tensors, for V2 responses.</summary>
    public InferTensorResponse? Tensors { get; init; }

    /// <summary>The HTTP status code (200 unless the model says otherwise).</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>How the prediction cache answered (null when no cache is configured).</summary>
    public Caching.CacheOutcome? Cache { get; init; }

    /// <summary>Serializes a value with the given options (default: as written, no naming policy).</summary>
    public static InferenceResponse FromObject<T>(T value, JsonSerializerOptions? options = null, int statusCode = 200) =>
        new() { Json = JsonSerializer.SerializeToUtf8Bytes(value, options ?? DefaultJson), StatusCode = statusCode };

    /// <summary>Serializes a value with source-generated metadata.</summary>
    public static InferenceResponse FromObject<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = 200) =>
        new() { Json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), StatusCode = statusCode };

    /// <summary>Wraps raw UTF-8 JSON.</summary>
    public static InferenceResponse FromUtf8(ReadOnlyMemory<byte> json, int statusCode = 200) =>
        new() { Json = json, StatusCode = statusCode };

    /// <summary>The default serializer options for model responses: compact, non-ASCII kept as is.</summary>
    public static readonly JsonSerializerOptions DefaultJson = LiftWing.Core.Json.LiftWingJson.Options;
}
