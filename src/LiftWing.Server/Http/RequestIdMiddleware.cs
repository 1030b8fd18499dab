using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiftWing.Server.Http;

/// <summary>Honours <c>x-request-id</c> or generates one, echoes it, and puts it in the logging scope.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "x-request-id";
    public const string ItemKey = "LiftWing.RequestId";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
        {
            id = Guid.NewGuid().ToString("N");
        }

        context.Items[ItemKey] = id;
        context.Response.Headers[HeaderName] = id;
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new("RequestId", id) }))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    public static string Get(HttpContext context) => context.Items[ItemKey] as string ?? "";
}
