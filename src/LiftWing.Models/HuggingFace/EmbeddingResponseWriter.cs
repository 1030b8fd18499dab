using System.Buffers;
using System.Text.Json;
using LiftWing.Core.Json;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// Writes the V1 text-embedding answer, <c>{"predictions": [[…384 floats…], …]}</c>, straight into UTF-8. The
/// serializer took the same vectors through a <c>Dictionary&lt;string, object&gt;</c> and resolved the runtime
/// type of the list per request; the writer and its options are the ones the serializer uses underneath
/// (<see cref="Utf8JsonWriter.WriteNumberValue(float)"/>, the shared encoder), so the bytes are the same.
/// </summary>
internal static class EmbeddingResponseWriter
{
    /// <summary>The response body for <paramref name="vectors"/>.</summary>
    public static ReadOnlyMemory<byte> Write(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        // About 12 bytes per float ("-0.012345678,"), so one sentence fits the first buffer.
        var buffer = new ArrayBufferWriter<byte>(64 + (vectors.Count > 0 ? vectors.Count * vectors[0].Length * 12 : 0));
        using (var writer = new Utf8JsonWriter(buffer, LiftWingJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("predictions");
            foreach (var vector in vectors)
            {
                writer.WriteStartArray();
                foreach (var value in vector)
                {
                    writer.WriteNumberValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
