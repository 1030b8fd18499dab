using System.Text.Json;
using LiftWing.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>Writes the one error body shape, <c>{"error": "..."}</c>, used by every protocol.</summary>
internal static class ErrorResponses
{
    // Relaxed escaping keeps quotes and non-ASCII readable, as Python's orjson writes them.
    private static readonly JsonSerializerOptions s_json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ServerJsonContext.Default,
    };

    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message), s_json);
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Maps an exception through the one table and writes it.</summary>
    public static Task WriteAsync(HttpContext context, Exception exception)
    {
        var (status, message) = ErrorTable.Map(exception);
        return WriteAsync(context, status, message);
    }
}
