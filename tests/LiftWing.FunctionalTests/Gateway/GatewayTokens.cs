using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>HS256 tokens for the gateway tests, signed as an issuer would sign them.</summary>
internal static class GatewayTokens
{
    public const string Issuer = "https://meta.wikimedia.org";
    public const string Key = "test-hmac-key-0123456789abcdef-0123456789";
    public const string OtherKey = "some-other-key-0123456789abcdef-012345678";

    public static string Create(string? sub = "12345", string? rlc = null, string? scope = null, string key = Key, string issuer = Issuer, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["aud"] = "client-abc" };
        if (sub is not null)
        {
            claims["sub"] = sub;
        }

        if (rlc is not null)
        {
            claims["rlc"] = rlc;
        }

        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        var exp = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Claims = claims,
            IssuedAt = exp.AddHours(-2),
            NotBefore = exp.AddHours(-2),
            Expires = exp,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Configuration keys that make a server accept <see cref="Key"/> tokens from <see cref="Issuer"/>.</summary>
    public static void Configure(IDictionary<string, string?> settings)
    {
        settings["LiftWing:Gateway:Jwt:Issuers:0"] = Issuer;
        settings["LiftWing:Gateway:Jwt:HmacKeys:0"] = Key;
    }

    public static HttpRequestMessage Post(string path, string? token = null, string json = "{}")
    {
        var m = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            m.Headers.Authorization = new("Bearer", token);
        }

        return m;
    }

    public static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";

}
