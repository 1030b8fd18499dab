using System.CommandLine;
using System.Globalization;
using LiftWing.Server.Gateway;

namespace LiftWing.Cli.Commands;

/// <summary><c>serve</c>'s gateway options, each mapped onto a <c>LiftWing:Gateway</c> or <c>LiftWing:Admin</c> configuration key.</summary>
internal sealed class GatewayCliOptions
{
    public Option<string[]> AdminKey { get; } = new("--admin-key")
    {
        Description = "An admin key for load/unload/index and /metrics, sent as 'Authorization: Bearer KEY' (repeatable; prefer --admin-key-file, as arguments are visible to other users). Without one, admin routes answer loopback only.",
    };

    public Option<string?> AdminKeyFile { get; } = new("--admin-key-file") { Description = "A file with one admin key per line." };

    public Option<int?> AdminPort { get; } = new("--admin-port") { Description = "Serve admin routes and /metrics on this port only (on 127.0.0.1)." };

    public Option<string[]> RateLimit { get; } = new("--rate-limit")
    {
        Description = "A class's limit as CLASS=N/UNIT, UNIT second|minute|hour|day (repeatable, e.g. anon=5/minute). Defaults: Lift Wing's policy (anon 50000/hour, authed-user 100000/hour, ...).",
    };

    public Option<bool> LimitLoopback { get; } = new("--rate-limit-loopback") { Description = "Also rate limit clients on loopback (exempt by default, as internal traffic is at the gateway)." };

    public Option<bool> NoRateLimits { get; } = new("--no-rate-limits") { Description = "Turn rate limiting off." };

    public Option<string[]> JwtIssuer { get; } = new("--jwt-issuer") { Description = "An accepted JWT issuer, e.g. https://meta.wikimedia.org (repeatable)." };

    public Option<string?> JwksFile { get; } = new("--jwks-file") { Description = "A JWKS file with the issuers' signing keys." };

    public Option<Uri?> JwksUrl { get; } = new("--jwks-url") { Description = "A JWKS URL with the issuers' signing keys (refreshed every 10 minutes)." };

    public Option<string[]> JwtHmacKey { get; } = new("--jwt-hmac-key") { Description = "A shared HS256 secret of at least 32 bytes (for tests and closed deployments; repeatable)." };

    public Option<string[]> TrustedProxy { get; } = new("--trusted-proxy") { Description = "A proxy address or CIDR whose X-Client-IP header is believed (repeatable)." };

    private IEnumerable<Option> All => [AdminKey, AdminKeyFile, AdminPort, RateLimit, LimitLoopback, NoRateLimits, JwtIssuer, JwksFile, JwksUrl, JwtHmacKey, TrustedProxy];

    public void AddTo(Command command)
    {
        foreach (var o in All)
        {
            command.Options.Add(o);
        }
    }

    /// <summary>Writes the given options as configuration keys; returns a message for a malformed value, else null.</summary>
    public string? Apply(ParseResult parse, IDictionary<string, string?> config)
    {
        AddList(config, "LiftWing:Admin:Keys", parse.GetValue(AdminKey));
        AddList(config, "LiftWing:Gateway:Jwt:Issuers", parse.GetValue(JwtIssuer));
        AddList(config, "LiftWing:Gateway:Jwt:HmacKeys", parse.GetValue(JwtHmacKey));
        AddList(config, "LiftWing:Gateway:TrustedProxies", parse.GetValue(TrustedProxy));
        if (parse.GetValue(AdminKeyFile) is { } file)
        {
            config["LiftWing:Admin:KeyFile"] = Path.GetFullPath(file);
        }

        if (parse.GetValue(AdminPort) is { } port)
        {
            config["LiftWing:Admin:Port"] = port.ToString(CultureInfo.InvariantCulture);
        }

        if (parse.GetValue(JwksFile) is { } jwks)
        {
            config["LiftWing:Gateway:Jwt:JwksFile"] = Path.GetFullPath(jwks);
        }

        if (parse.GetValue(JwksUrl) is { } url)
        {
            config["LiftWing:Gateway:Jwt:JwksUrl"] = url.ToString();
        }

        if (parse.GetValue(LimitLoopback))
        {
            config["LiftWing:Gateway:RateLimits:ExemptLoopback"] = "false";
        }

        if (parse.GetValue(NoRateLimits))
        {
            config["LiftWing:Gateway:RateLimits:Enabled"] = "false";
        }

        foreach (var spec in parse.GetValue(RateLimit) ?? [])
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return $"--rate-limit '{spec}' is not CLASS=N/UNIT (e.g. anon=5/minute).";
            }

            try
            {
                _ = RateLimitRule.Parse(spec[(eq + 1)..]);
            }
            catch (FormatException ex)
            {
                return "--rate-limit: " + ex.Message;
            }

            config["LiftWing:Gateway:RateLimits:Classes:" + spec[..eq].Trim()] = spec[(eq + 1)..].Trim();
        }

        return null;
    }

    private static void AddList(IDictionary<string, string?> config, string key, string[]? values)
    {
        var i = 0;
        foreach (var v in values ?? [])
        {
            config[$"{key}:{i++}"] = v;
        }
    }
}
