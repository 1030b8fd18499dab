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
        var id = Sanitize(context.Request.Headers[HeaderName].ToString());
        if (id.Length == 0)
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

    /// <summary>
    /// Keeps a client's id only when it is 1–200 visible ASCII characters: anything else (non-ASCII, controls,
    /// spaces) cannot be echoed in a response header or written safely to logs, so a fresh id replaces it.
    /// </summary>
    internal static string Sanitize(string id)
    {
        if (id.Length is 0 or > 200)
        {
            return "";
        }

        foreach (var c in id)
        {
            if (c is < '!' or > '~')
            {
                return "";
            }
        }

        return id;
    }
}
