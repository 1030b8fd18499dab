using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// Writes the OpenAI embeddings response: <c>{"object":"list","data":[{"object":"embedding","index":i,"embedding":…}],
/// "model":…,"usage":{"prompt_tokens":n,"total_tokens":n}}</c>. With base64 the vector is its little-endian float32
/// bytes in base64, which the official clients decode.
/// </summary>
public static class OpenAIEmbeddingResponse
{
    /// <summary>The UTF-8 JSON response.</summary>
    public static byte[] Write(string model, IReadOnlyList<float[]> embeddings, int promptTokens, bool base64)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var buffer = new ArrayBufferWriter<byte>(256 + (embeddings.Count * (embeddings.Count > 0 ? embeddings[0].Length : 0) * 12));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < embeddings.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    w.WriteString("embedding", EncodeBase64(embeddings[i]));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var v in embeddings[i])
                    {
                        w.WriteNumberValue(v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("total_tokens", promptTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A vector as base64 of its little-endian float32 bytes (numpy's <c>&lt;f4</c>).</summary>
    public static string EncodeBase64(ReadOnlySpan<float> vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("base64 embeddings assume a little-endian machine.");
        }

        return Convert.ToBase64String(MemoryMarshal.AsBytes(vector));
    }

    /// <summary>Decodes <see cref="EncodeBase64"/> (for tests and clients).</summary>
    public static float[] DecodeBase64(string base64) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64)).ToArray();
}
