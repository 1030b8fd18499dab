using LiftWing.Core.Models;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Checks the upstream URL, the timeouts, the TTL and that the catalogue loads, at start-up.</summary>
internal sealed class OresOptionsValidator : IValidateOptions<OresOptions>
{
    public ValidateOptionsResult Validate(string? name, OresOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Upstream, UriKind.Absolute, out var upstream) || (upstream.Scheme != Uri.UriSchemeHttp && upstream.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{OresOptions.Section}:Upstream: '{options.Upstream}' is not an absolute http(s) URL.");
        }

        if (options.UpstreamAttemptTimeout <= TimeSpan.Zero || options.UpstreamTimeout < options.UpstreamAttemptTimeout)
        {
            errors.Add($"{OresOptions.Section}: UpstreamAttemptTimeout must be positive and at most UpstreamTimeout.");
        }

        if (options.UpstreamRetryDelay < TimeSpan.Zero)
        {
            errors.Add($"{OresOptions.Section}:UpstreamRetryDelay must not be negative.");
        }

        try
        {
            _ = DurationParser.Parse(options.CacheTtl);
        }
        catch (FormatException ex)
        {
            errors.Add($"{OresOptions.Section}:CacheTtl: {ex.Message}");
        }

        try
        {
            _ = OresCatalogueLoader.Load(options.Catalogue);
        }
        catch (InvalidDataException ex)
        {
            errors.Add($"{OresOptions.Section}:Catalogue: {ex.Message}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
