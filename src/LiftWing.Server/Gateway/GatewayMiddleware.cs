using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>
/// The gateway at the edge: CORS, no cookies in or out, <c>cache-control: no-cache</c> on errors, bearer-token
/// authentication (401 for a present but bad token, anonymous otherwise), the request's rate-limit identity,
/// the admin plane's gate, and the rate limits (<see cref="GatewayRateLimiter"/>, asked directly: ASP.NET Core's
/// rate-limiting middleware cost a partition lookup under a lock, a metrics context and a lease on every request,
/// for endpoint policies LiftWing has none of).
/// </summary>
internal sealed class GatewayMiddleware(
    RequestDelegate next,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<AdminOptions> adminOptions,
    AdminKeys adminKeys,
    JwtValidator jwt,
    ClientAddressResolver addresses,
    GatewayRateLimiter limiter)
{
    public const string AdminScope = "liftwing:admin";

    // At response start: no cookie leaves, and no error may be cached by anyone between.
    private static readonly Func<object, Task> s_onStarting = static state =>
    {
        var response = (HttpResponse)state;
        response.Headers.Remove("Set-Cookie");
        if (response.StatusCode >= 400)
        {
            response.Headers.CacheControl = "no-cache";
        }

        return Task.CompletedTask;
    };

    private readonly GatewayOptions _gateway = gatewayOptions.Value;
    private readonly AdminOptions _admin = adminOptions.Value;

    // Synchronous up to the next middleware for the common request (no token, not an admin route): no state machine.
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isOptions = HttpMethods.IsOptions(request.Method);
        if (_gateway.Cors)
        {
            GatewayResponses.ApplyCors(context);
            if (isOptions && request.Headers.ContainsKey("Access-Control-Request-Method") && request.Headers.Origin.Count > 0)
            {
                WritePreflight(context);
                return Task.CompletedTask;
            }
        }

        // The gateway drops cookies both ways; errors must not be cached by anyone between.
        request.Headers.Remove("Cookie");
        context.Response.OnStarting(s_onStarting, context.Response);

        var ip = addresses.Resolve(context);
        var loopback = ip is not null && IPAddress.IsLoopback(ip);
        if (!isOptions && TryGetBearer(request, out var token))
        {
            if (adminKeys.Matches(token))
            {
                return ContinueAsync(context, Identify(null, ip, isAdmin: true, loopback), null);
            }

            if (jwt.Enabled)
            {
                return AuthenticateAsync(context, token, ip, loopback);
            }
        }

        return ContinueAsync(context, Identify(null, ip, isAdmin: false, loopback), null);
    }

    private async Task AuthenticateAsync(HttpContext context, string token, IPAddress? ip, bool loopback)
    {
        var (principal, failure) = await jwt.ValidateAsync(token).ConfigureAwait(false);
        if (principal is null)
        {
            await GatewayResponses.WriteInvalidTokenAsync(context, failure!).ConfigureAwait(false);
            return;
        }

        context.User = principal;
        await ContinueAsync(context, Identify(principal, ip, HasScope(principal, AdminScope), loopback), principal).ConfigureAwait(false);
    }

    private Task ContinueAsync(HttpContext context, GatewayIdentity identity, ClaimsPrincipal? principal)
    {
        if (RouteFamilies.IsAdmin(context.Request.Path, _admin.ProtectMetrics))
        {
            return AdminAsync(context, identity, principal);
        }

        return limiter.Covers(context, identity) ? LimitAsync(context, identity) : next(context);
    }

    private async Task LimitAsync(HttpContext context, GatewayIdentity identity)
    {
        try
        {
            // Counted already when the cached-hit lane looked at the request first; otherwise counted here.
            var rejection = context.Features.Get<RateLimitDecision>() is { } counted
                ? counted.Rejection
                : await limiter.TryAcquireAsync(identity, context.RequestAborted).ConfigureAwait(false);
            if (rejection is not null)
            {
                await GatewayResponses.WriteRejectionAsync(context, rejection).ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while its request was being counted: nobody to answer.
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task AdminAsync(HttpContext context, GatewayIdentity identity, ClaimsPrincipal? principal)
    {
        if (await AdmitAdminAsync(context, identity, principal).ConfigureAwait(false))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    /// <summary>The class and counter key, read from the token as the gateway reads them.</summary>
    internal static GatewayIdentity Identify(ClaimsPrincipal? principal, IPAddress? ip, bool isAdmin, bool loopback)
    {
        if (principal is null)
        {
            return new GatewayIdentity("anon", null, null, isAdmin, loopback, ip);
        }

        var sub = principal.FindFirst("sub")?.Value;
        var aud = principal.FindFirst("aud")?.Value;
        var rlc = principal.FindFirst("rlc")?.Value;
        var cls = !string.IsNullOrEmpty(rlc) ? rlc : !string.IsNullOrEmpty(sub) ? "authed-user" : "anon";
        return new GatewayIdentity(cls, sub, aud, isAdmin, loopback, ip);
    }

    private async Task<bool> AdmitAdminAsync(HttpContext context, GatewayIdentity identity, ClaimsPrincipal? principal)
    {
        if (_admin.Port is { } port && context.Connection.LocalPort != port)
        {
            // With an admin listener, the public one does not have these routes at all.
            await GatewayResponses.WriteErrorAsync(context, StatusCodes.Status404NotFound, "Not Found").ConfigureAwait(false);
            return false;
        }

        if (identity.IsAdmin)
        {
            return true;
        }

        if (adminKeys.Configured || principal is not null)
        {
            if (principal is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"liftwing-admin\"";
                await GatewayResponses.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "An admin key or a token with the liftwing:admin scope is required").ConfigureAwait(false);
            }
            else
            {
                await GatewayResponses.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "The token lacks the liftwing:admin scope").ConfigureAwait(false);
            }

            return false;
        }

        if (identity.IsLoopback)
        {
            return true;
        }

        await GatewayResponses.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "Admin endpoints answer only loopback clients until an admin key is configured").ConfigureAwait(false);
        return false;
    }

    private static bool TryGetBearer(HttpRequest request, out string token)
    {
        token = "";
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = value[7..].Trim();
        return token.Length > 0;
    }

    private static bool HasScope(ClaimsPrincipal principal, string scope)
    {
        foreach (var claim in principal.Claims)
        {
            if (claim.Type is "scope" or "scp" && claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void WritePreflight(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        if (requested.Length > 0)
        {
            headers.AccessControlAllowHeaders = requested;
        }

        headers.AccessControlMaxAge = "86400";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
