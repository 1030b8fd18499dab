using LiftWing.Core.Errors;
using LiftWing.Server.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>
/// Gives a bodiless 4xx/5xx (routing's 404 and 405, Kestrel's 415) the JSON error body clients expect: FastAPI's
/// <c>{"detail": …}</c>, or OpenAI's error object under the OpenAI routes. It does what <c>UseStatusCodePages</c> did
/// for these, with its conditions, but without that middleware's per-request feature object and async wrapper, which
/// every successful request paid for.
/// </summary>
internal sealed class StatusBodyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var task = next(context);
        return task.IsCompletedSuccessfully ? AfterAsync(context) : AwaitThenAfterAsync(task, context);
    }

    private static async Task AwaitThenAfterAsync(Task task, HttpContext context)
    {
        await task.ConfigureAwait(false);
        await AfterAsync(context).ConfigureAwait(false);
    }

    private static Task AfterAsync(HttpContext context)
    {
        var response = context.Response;
        // StatusCodePages' own test: an error status, nothing started, no declared length and no content type.
        return response.HasStarted || response.StatusCode is < 400 or >= 600 || response.ContentLength.HasValue || !string.IsNullOrEmpty(response.ContentType)
            ? Task.CompletedTask
            : WriteStatusAsync(context);
    }

    // Unknown routes and wrong methods answer as FastAPI does ({"detail": "Not Found"}; 405 keeps routing's Allow
    // header), and as OpenAI does under the OpenAI routes.
    private static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (OpenAIEndpoints.IsOpenAIPath(context.Request.Path) && status is 404 or 405)
        {
            var message = status == 404 ? $"Invalid URL ({context.Request.Method} {context.Request.Path})" : $"Invalid method for URL ({context.Request.Method} {context.Request.Path})";
            return ErrorResponses.WriteAsync(context, status, message, openAICode: OpenAICode.None);
        }

        return status switch
        {
            404 => ErrorResponses.WriteAsync(context, status, "Not Found", ErrorBodyStyle.FastApi),
            405 => ErrorResponses.WriteAsync(context, status, MethodNotAllowedException.Detail, ErrorBodyStyle.FastApi),
            415 => ErrorResponses.WriteAsync(context, status, "Unsupported content type."),
            _ => ErrorResponses.WriteAsync(context, status, $"HTTP {status}."),
        };
    }
}
