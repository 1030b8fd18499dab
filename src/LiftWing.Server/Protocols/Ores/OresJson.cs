using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Json;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Renders ORES documents as ores-legacy does: pretty (2-space indent), non-ASCII kept.</summary>
internal static class OresJson
{
    /// <summary>Compact options (cache entries).</summary>
    public static readonly JsonSerializerOptions Compact = LiftWingJson.Options;

    private static readonly JsonWriterOptions Pretty = LiftWingJson.WriterOptions with { Indented = true };

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
