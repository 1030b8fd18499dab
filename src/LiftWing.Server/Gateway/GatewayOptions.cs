namespace LiftWing.Server.Gateway;

/// <summary>
/// The gateway role: client authentication, rate limits and edge behaviour, as Lift Wing's API gateway does them.
/// Bound from the <c>LiftWing:Gateway</c> configuration section.
/// </summary>
internal sealed class GatewayOptions
{
    /// <summary>Bearer-token (JWT) validation. Without issuers and keys, bearer tokens are not validated and requests count as anonymous.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Rate-limit classes and where their counters live.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>
    /// Proxies (IP addresses or CIDR ranges) whose <c>X-Client-IP</c> header is believed. From anyone else the
    /// header is ignored and the connection's address is the client. The default is none.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Whether to answer CORS as the gateway does (reflected origin, credentials). The default is true.</summary>
    public bool Cors { get; set; } = true;
}
