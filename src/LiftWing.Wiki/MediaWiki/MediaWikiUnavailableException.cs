namespace LiftWing.Wiki.MediaWiki;

/// <summary>The API could not be reached or answered with an error after all retries (network, timeout, 5xx, API error).</summary>
public sealed class MediaWikiUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The API error code (<c>maxlag</c>, <c>ratelimited</c>, …) or HTTP status that ended the attempts, if any.</summary>
    public string? Code { get; init; }
}
