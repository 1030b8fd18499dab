using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>
/// Honours <c>x-request-id</c> or generates one and echoes it. Log lines about a request name the id themselves
/// (<see cref="Get"/>): a logging scope would cost an async-local write on every request for a console that does not
/// print scopes.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "x-request-id";
    public const string ItemKey = "LiftWing.RequestId";

    public Task InvokeAsync(HttpContext context)
    {
        var id = Sanitize(context.Request.Headers[HeaderName].ToString());
        if (id.Length == 0)
        {
            id = Guid.NewGuid().ToString("N");
        }

        context.Items[ItemKey] = id;
        context.Response.Headers[HeaderName] = id;
        return next(context);
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
