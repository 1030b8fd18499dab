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
        var id = FromRequest(context.Request);
        context.Items[ItemKey] = id;
        context.Response.Headers[HeaderName] = id;
        return next(context);
    }

    /// <summary>The client's id when it can be kept (<see cref="Sanitize"/>), else a new one.</summary>
    internal static string FromRequest(HttpRequest request)
    {
        var id = Sanitize(request.Headers[HeaderName].ToString());
        return id.Length > 0 ? id : NewId();
    }

    /// <summary>
    /// A random version-4 UUID in 32 lower-case hex digits, as the gateway's ids look. From <see cref="Random.Shared"/>,
    /// not <see cref="Guid.NewGuid"/>, which asks the kernel for random bytes on every call (a system call per
    /// request); an id must be unique, not secret.
    /// </summary>
    internal static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(bytes);
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
