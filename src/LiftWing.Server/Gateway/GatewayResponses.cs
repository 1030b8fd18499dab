using System.Globalization;
using System.Text;
using LiftWing.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LiftWing.Server.Gateway;

/// <summary>The replies the gateway itself generates, byte for byte as Lift Wing's gateway sends them.</summary>
internal static class GatewayResponses
{
    /// <summary>The realm of the limit-0 challenge, as the gateway sends it.</summary>
    public const string Realm = "https://meta.wikimedia.org";

    public const string RateLimitClassHeader = "x-wmf-ratelimit-class";

    // values.yaml ratelimit_notice_text.
    private const string Notice =
        "You are making too many requests to the API.\n" +
        "Please follow the best practices at <https://www.mediawiki.org/wiki/Wikimedia_APIs/Rate_limits>.\n" +
        "If you are unsure how to get the access you need, contact <bot-traffic@wikimedia.org>.\n";

    /// <summary>The 429 body: the notice, then <c>request-id: ID</c> when one is known.</summary>
    public static string TooManyRequestsBody(string? requestId) =>
        string.IsNullOrEmpty(requestId) ? Notice : Notice + "\nrequest-id: " + requestId;

    /// <summary>Envoy's local reply: <c>{"httpCode": N, "httpReason": "..."}</c> with <c>cache-control: no-cache</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("httpCode", status);
            json.WriteString("httpReason", reason);
            json.WriteEndObject();
        }

        var body = buffer.WrittenMemory;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>401 for a bad bearer token (Envoy jwt_authn texts).</summary>
    public static Task WriteInvalidTokenAsync(HttpContext context, string reason)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, reason);
    }

    /// <summary>The rate-limit rejection: 429 with the notice, or 401 <c>Unauthorized</c> when the class's limit is 0.</summary>
    public static Task WriteRejectionAsync(HttpContext context, RateLimitRejection rejection)
    {
        var response = context.Response;
        response.Headers[RateLimitClassHeader] = rejection.Class;
        response.Headers.CacheControl = "no-cache";
        response.ContentType = "text/plain";
        string body;
        if (rejection.LimitIsZero)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\"";
            body = "Unauthorized";
        }
        else
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(rejection.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            body = TooManyRequestsBody(RequestIdMiddleware.Get(context));
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>CORS on every reply to a request with an <c>Origin</c> (not <c>null</c>), as <c>restgw_headers.lua</c> does.</summary>
    public static void ApplyCors(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin == "null")
        {
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowCredentials = "true";
        headers.AccessControlExposeHeaders = "Retry-After,WWW-Authenticate";
        headers.Append(HeaderNames.Vary, "Origin");
    }
}
