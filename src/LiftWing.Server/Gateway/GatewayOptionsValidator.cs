using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/> at start-up: every limit parses, proxies are addresses, keys are usable.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (cls, text) in options.RateLimits.Classes)
        {
            if (string.IsNullOrWhiteSpace(cls) || cls.Length > 64 || cls.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == ':'))
            {
                errors.Add($"LiftWing:Gateway:RateLimits:Classes: class name '{cls}' must be 1-64 characters without spaces or ':'");
            }

            try
            {
                _ = RateLimitRule.Parse(text);
            }
            catch (FormatException ex)
            {
                errors.Add($"LiftWing:Gateway:RateLimits:Classes:{cls}: {ex.Message}");
            }
        }

        foreach (var proxy in options.TrustedProxies)
        {
            try
            {
                _ = ClientAddressResolver.ParseNetwork(proxy);
            }
            catch (FormatException ex)
            {
                errors.Add($"LiftWing:Gateway:TrustedProxies: {ex.Message}");
            }
        }

        var jwt = options.Jwt;
        if (jwt.HmacKeys.Any(k => System.Text.Encoding.UTF8.GetByteCount(k) < 32))
        {
            errors.Add("LiftWing:Gateway:Jwt:HmacKeys: each key needs at least 32 bytes (HS256)");
        }

        if (jwt.JwksFile is { } file)
        {
            try
            {
                _ = JwtKeySource.ParseJwks(File.ReadAllText(file), file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                errors.Add($"LiftWing:Gateway:Jwt:JwksFile: {ex.Message}");
            }
        }

        if (jwt.JwksUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            errors.Add($"LiftWing:Gateway:Jwt:JwksUrl: {url} is not an http(s) URL");
        }

        var hasKeys = jwt.HmacKeys.Count > 0 || jwt.JwksFile is not null || jwt.JwksUrl is not null;
        if (hasKeys != (jwt.Issuers.Count > 0))
        {
            errors.Add("LiftWing:Gateway:Jwt: issuers and keys (HmacKeys, JwksFile or JwksUrl) go together");
        }

        if (options.RateLimits.RedisTimeout <= TimeSpan.Zero)
        {
            errors.Add("LiftWing:Gateway:RateLimits:RedisTimeout must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
