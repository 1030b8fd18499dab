using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LiftWing.Server.Gateway;

/// <summary>The issuers' signing keys: HMAC secrets and a JWKS file at start, plus a JWKS URL's keys as they are fetched.</summary>
internal sealed class JwtKeySource
{
    private readonly SecurityKey[] _static;
    private volatile SecurityKey[] _current;

    public JwtKeySource(IOptions<GatewayOptions> options)
    {
        var jwt = options.Value.Jwt;
        var keys = new List<SecurityKey>();
        keys.AddRange(jwt.HmacKeys.Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k))));
        if (jwt.JwksFile is { } file)
        {
            keys.AddRange(ParseJwks(File.ReadAllText(file), file));
        }

        _static = [.. keys];
        _current = _static;
    }

    /// <summary>The keys to validate with now.</summary>
    public IEnumerable<SecurityKey> Current => _current;

    /// <summary>Replaces the fetched keys (the static ones stay).</summary>
    public void SetFetched(IEnumerable<SecurityKey> fetched) => _current = [.. _static, .. fetched];

    /// <summary>Reads a JWKS document's signing keys.</summary>
    /// <exception cref="InvalidDataException">Not a JWKS document, or no usable key.</exception>
    public static IList<SecurityKey> ParseJwks(string json, string source)
    {
        try
        {
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            return keys.Count > 0 ? keys : throw new InvalidDataException($"JWKS {source} has no usable signing key.");
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"JWKS {source} is not a JSON Web Key Set: {ex.Message}", ex);
        }
    }
}
