namespace LiftWing.Wiki.MediaWiki;

/// <summary>How the MediaWiki REST client reaches a wiki. Defaults follow Lift Wing's articlequality fetch.</summary>
public sealed class MediaWikiRestOptions
{
    /// <summary>
    /// An internal MediaWiki endpoint to send every request to (Lift Wing's <c>WIKI_URL</c>), with the wiki's
    /// host name in the <c>Host</c> header. Null (the default): call <c>https://{lang}.wikipedia.org</c> directly.
    /// </summary>
    public Uri? WikiUrl { get; set; }

    /// <summary>The User-Agent sent with every request (Wikimedia's policy asks for one that identifies the caller).</summary>
    public string UserAgent { get; set; } = "LiftWing articlequality model";

    /// <summary>The limit for one attempt, headers and body. The default is 5 s (Lift Wing's aiohttp total timeout).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per request, the first included; only transient failures are retried. The default is 2.</summary>
    public int MaxAttempts { get; set; } = 2;

    /// <summary>The wait before a retry. The default is 0.5 s (Lift Wing's tenacity <c>wait_fixed(0.5)</c>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest HTML accepted, in bytes; larger pages are refused rather than buffered. The default is 20 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 20L * 1024 * 1024;
}
