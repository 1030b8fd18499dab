using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiftWing.Core.Json;

/// <summary>
/// The JSON settings of every body LiftWing writes: compact, with quotes and non-ASCII kept readable (relaxed
/// escaping), as Python's json/orjson write them in Lift Wing. Defined once; models and the edge share it.
/// </summary>
public static class LiftWingJson
{
    /// <summary>The encoder: relaxed escaping.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Serializer options for reflection-free use with a source-generated context's resolver.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writer options for <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
