using System.ComponentModel.DataAnnotations;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Wiki access for the whole deployment, bound from <c>LiftWing:Wiki</c> (Lift Wing's <c>WIKI_URL</c>, <c>FORCE_HTTP</c> and
/// <c>AIOHTTP_CLIENT_TIMEOUT</c> map here). The one precedence rule for a model: a setting made here wins over the same
/// setting in the model's model.yaml, which applies when the deployment sets none (<see cref="Resolve"/>).
/// </summary>
public sealed class MediaWikiOptions : IValidatableObject
{
    /// <summary>The internal MediaWiki endpoint, used with a <c>Host: {lang}.wikipedia.org</c> header. Null: the public wikis.</summary>
    public string? WikiUrl { get; set; }

    /// <summary>Use http:// for the public hosts. Null: the model's setting (default false).</summary>
    public bool? ForceHttp { get; set; }

    /// <summary>The limit of one attempt, in seconds. Null: the model's setting (default 5).</summary>
    [Range(0.001, 3600)]
    public double? TimeoutSeconds { get; set; }

    /// <summary>How long the circuit to one wiki endpoint stays open after repeated failures. The default is 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The effective settings of one model: these where set, else the model's own.</summary>
    public MediaWikiEndpoint Resolve(string? modelWikiUrl, bool modelForceHttp, double modelTimeoutSeconds)
    {
        var url = !string.IsNullOrWhiteSpace(WikiUrl) ? WikiUrl : string.IsNullOrWhiteSpace(modelWikiUrl) ? null : modelWikiUrl;
        return new MediaWikiEndpoint(
            url is null ? null : ParseUrl(url),
            ForceHttp ?? modelForceHttp,
            TimeSpan.FromSeconds(TimeoutSeconds ?? modelTimeoutSeconds));
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WikiUrl) && !IsHttpUrl(WikiUrl))
        {
            yield return new ValidationResult($"'{WikiUrl}' is not an absolute http(s) URL.", [nameof(WikiUrl)]);
        }
    }

    private static bool IsHttpUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";

    private static Uri ParseUrl(string url) =>
        IsHttpUrl(url) ? new Uri(url) : throw new InvalidDataException($"wiki_url '{url}' is not an absolute http(s) URL.");
}
