using System.Globalization;
using System.Text.Json;
using LiftWing.Server.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>
/// Writes error bodies: <c>{"error": "..."}</c> (Lift Wing / KServe, every route) or OpenAI's
/// <c>{"error": {"message", "type", "param", "code"}}</c> under <see cref="OpenAIEndpoints.Prefix"/>.
/// </summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message, string? param = null)
    {
        byte[] body = Body(context.Request.Path, statusCode, message, param);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>The error body for a request path: OpenAI's shape under <see cref="OpenAIEndpoints.Prefix"/>, Lift Wing's elsewhere.</summary>
    public static byte[] Body(PathString path, int statusCode, string message, string? param = null) =>
        path.StartsWithSegments(OpenAIEndpoints.Prefix, StringComparison.Ordinal)
            ? JsonSerializer.SerializeToUtf8Bytes(
                new OpenAIErrorBody(new OpenAIError(message, OpenAIType(statusCode), param, statusCode.ToString(CultureInfo.InvariantCulture))),
                OpenAIJsonContext.Default.OpenAIErrorBody)
            : JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message), ServerJsonContext.Default.ErrorBody);

    private static string OpenAIType(int status) => status switch
    {
        400 or 413 or 415 or 422 => "invalid_request_error",
        404 => "not_found_error",
        503 => "service_unavailable_error",
        504 => "timeout_error",
        _ => "internal_server_error",
    };
}
