namespace LiftWing.Server.Gateway;

/// <summary>How bearer JWTs are validated (<c>LiftWing:Gateway:Jwt</c>).</summary>
internal sealed class JwtOptions
{
    /// <summary>Accepted <c>iss</c> values, e.g. <c>https://meta.wikimedia.org</c>.</summary>
    public IList<string> Issuers { get; } = [];

    /// <summary>Accepted <c>aud</c> values; empty: any audience (the gateway reads <c>aud</c> as the client id, it does not restrict it).</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>A JWKS file with the issuers' public keys.</summary>
    public string? JwksFile { get; set; }

    /// <summary>A JWKS URL, fetched at start and refreshed every <see cref="JwksRefresh"/>.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>How often <see cref="JwksUrl"/> is fetched again. The default is 10 minutes.</summary>
    public TimeSpan JwksRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Shared HMAC secrets (UTF-8, at least 32 bytes) for HS256 tokens; meant for tests and closed deployments.</summary>
    public IList<string> HmacKeys { get; } = [];

    /// <summary>Allowed clock difference for <c>exp</c>/<c>nbf</c>. The default is 60 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether any key source is configured.</summary>
    public bool Enabled => Issuers.Count > 0 && (JwksFile is not null || JwksUrl is not null || HmacKeys.Count > 0);
}
