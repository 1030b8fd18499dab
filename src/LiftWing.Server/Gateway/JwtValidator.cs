using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiftWing.Server.Gateway;

/// <summary>
/// Validates a bearer JWT as the gateway does (issuer, optional audience, lifetime, signature against
/// <see cref="JwtKeySource"/>), with IdentityModel's <see cref="JsonWebTokenHandler"/> — the validator ASP.NET Core's
/// JwtBearer handler uses. Called only for requests that present a token, so an anonymous request pays nothing
/// (registering an authentication scheme would put ASP.NET Core's authentication middleware, and a handler
/// instance, on every request).
/// </summary>
internal sealed class JwtValidator
{
    // Claim names stay as the gateway reads them (sub, aud, rlc, scope), not mapped to XML URIs.
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;

    public JwtValidator(IOptions<GatewayOptions> options, JwtKeySource keys)
    {
        var jwt = options.Value.Jwt;
        Enabled = jwt.Enabled;
        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = jwt.Issuers,
            ValidateAudience = jwt.Audiences.Count > 0,
            ValidAudiences = jwt.Audiences,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = jwt.ClockSkew,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyResolver = (_, _, _, _) => keys.Current,
        };
    }

    /// <summary>Whether issuers and a key source are configured; without them tokens are not validated.</summary>
    public bool Enabled { get; }

    /// <summary>The token's principal, or null with the reason the gateway answers in its 401.</summary>
    public async ValueTask<(ClaimsPrincipal? Principal, string? Failure)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        return result.IsValid
            ? (new ClaimsPrincipal(result.ClaimsIdentity), null)
            : (null, result.Exception is SecurityTokenExpiredException ? "Jwt is expired" : "Jwt verification fails");
    }
}
