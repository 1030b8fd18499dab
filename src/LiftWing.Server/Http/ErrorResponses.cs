using System.Globalization;
using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Server.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>
/// Writes error bodies: <c>{"error": "..."}</c> or <c>{"detail": "..."}</c> (Lift Wing / KServe / FastAPI, by the
/// error's <see cref="ErrorBodyStyle"/> through <see cref="ErrorTable.BodyKeyOf"/>), or OpenAI's
/// <c>{"error": {"message", "type", "param", "code"}}</c> on the OpenAI routes (<see cref="OpenAIEndpoints.IsOpenAIPath"/>).
/// </summary>
internal static class ErrorResponses
{
    /// <summary>OpenAI's <c>code</c> for a model the server does not have.</summary>
    public const string ModelNotFoundCode = "model_not_found";

    /// <param name="context">The request.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The client-visible message.</param>
    /// <param name="style">Which key a Lift Wing body uses.</param>
    /// <param name="openAICode">
    /// On OpenAI routes: OpenAI's own <c>code</c> (an <c>invalid_request_error</c> with <c>param: null</c>); null keeps
    /// KServe's OpenAI body, whose <c>code</c> is the HTTP status.
    /// </param>
    public static Task WriteAsync(HttpContext context, int statusCode, string message, ErrorBodyStyle style = ErrorBodyStyle.KServe, OpenAICode? openAICode = null)
    {
        byte[] body = Body(context.Request.Path, statusCode, message, style, openAICode);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>The error body for a request path: OpenAI's shape on the OpenAI routes, Lift Wing's elsewhere.</summary>
    public static byte[] Body(PathString path, int statusCode, string message, ErrorBodyStyle style = ErrorBodyStyle.KServe, OpenAICode? openAICode = null)
    {
        if (OpenAIEndpoints.IsOpenAIPath(path))
        {
            var error = openAICode is { } own
                ? new OpenAIError(message, "invalid_request_error", null, own.Code)
                : new OpenAIError(message, OpenAIType(statusCode), null, statusCode.ToString(CultureInfo.InvariantCulture));
            return JsonSerializer.SerializeToUtf8Bytes(new OpenAIErrorBody(error), OpenAIJsonContext.Default.OpenAIErrorBody);
        }

        return ErrorTable.BodyKeyOf(style) == "detail"
            ? JsonSerializer.SerializeToUtf8Bytes(new DetailBody(message), ServerJsonContext.Relaxed.DetailBody)
            : JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message), ServerJsonContext.Relaxed.ErrorBody);
    }

    private static string OpenAIType(int status) => status switch
    {
        400 or 413 or 415 or 422 => "invalid_request_error",
        404 => "not_found_error",
        503 => "service_unavailable_error",
        504 => "timeout_error",
        _ => "internal_server_error",
    };
}
