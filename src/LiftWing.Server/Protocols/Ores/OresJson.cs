using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Renders ORES documents as ores-legacy does: pretty (2-space indent), non-ASCII kept.</summary>
internal static class OresJson
{
    /// <summary>Compact options (cache entries).</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The pretty UTF-8 bytes of a node.</summary>
    public static byte[] ToBytes(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a node with a status.</summary>
    public static Task WriteAsync(HttpContext context, int status, JsonNode? node) => WriteAsync(context, status, ToBytes(node));

    /// <summary>Writes prepared bytes with a status.</summary>
    public static Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
