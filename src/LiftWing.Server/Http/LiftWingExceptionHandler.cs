using LiftWing.Core.Errors;
using LiftWing.Server.Protocols.OpenAI;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiftWing.Server.Http;

/// <summary>
/// The one exception-to-response path of the server, for every route (V1, V2, OpenAI, admin): endpoints just throw.
/// <see cref="ErrorTable"/> gives the status and client message; a 5xx is logged once at Error with the exception and
/// the request id, a 4xx at Debug. Unexpected exceptions reach the client only as <c>Internal server error</c> and the
/// request id, never with type names, paths or addresses. The body's key (<c>error</c> or <c>detail</c>) follows the
/// exception's <see cref="ErrorBodyStyle"/> through <see cref="ErrorTable.BodyKeyOf"/>.
/// </summary>
internal sealed partial class LiftWingExceptionHandler(ILogger<LiftWingExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var requestId = RequestIdMiddleware.Get(httpContext);
        var (status, message, kind) = exception is BadHttpRequestException bad
            ? (bad.StatusCode, Rejections.KestrelErrorMessages.For(bad), ErrorTable.KindOf(bad.StatusCode))
            : ErrorTable.Map(exception);
        if (status >= 500)
        {
            LogServerError(logger, status, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", requestId, exception);
        }
        else
        {
            LogClientError(logger, status, httpContext.Request.Method, httpContext.Request.Path.Value ?? "", requestId, message);
        }

        if (kind == ErrorKind.Unexpected)
        {
            message = $"{ErrorTable.InternalServerError} (request id {requestId})";
        }

        // The exception middleware cleared the response, headers included.
        if (requestId.Length > 0)
        {
            httpContext.Response.Headers[RequestIdMiddleware.HeaderName] = requestId;
        }

        if (exception is MethodNotAllowedException notAllowed)
        {
            httpContext.Response.Headers.Allow = notAllowed.Allow;
        }

        OpenAICode? openAICode = exception is ModelNotFoundException or OpenAIModelException ? OpenAICode.ModelNotFound : null;
        await ErrorResponses.WriteAsync(httpContext, status, message, ErrorTable.BodyStyleOf(exception), openAICode).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "{StatusCode} for {Method} {Path} (request id {RequestId})")]
    private static partial void LogServerError(ILogger logger, int statusCode, string method, string path, string requestId, Exception exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "{StatusCode} for {Method} {Path} (request id {RequestId}): {Message}")]
    private static partial void LogClientError(ILogger logger, int statusCode, string method, string path, string requestId, string message);
}
