namespace LiftWing.Wiki.MediaWiki;

/// <summary>How the MediaWiki Action API is reached. Defaults follow Lift Wing's revert-risk server.</summary>
public sealed class MediaWikiClientOptions
{
    /// <summary>
    /// Lift Wing's <c>WIKI_URL</c>: when set, every request goes to this base URL with a <c>Host: {lang}.wikipedia.org</c>
    /// header (the internal API cluster routes on it). When null, requests go to <c>https://{lang}.wikipedia.org</c>.
    /// </summary>
    public Uri? WikiUrl { get; set; }

    /// <summary>Lift Wing's <c>FORCE_HTTP</c>: use <c>http://</c> for the public host. Default false.</summary>
    public bool ForceHttp { get; set; }

    /// <summary>Per-attempt timeout (Lift Wing's <c>AIOHTTP_CLIENT_TIMEOUT</c>). Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt on 5xx, 429, <c>maxlag</c> and <c>ratelimited</c>. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry (with jitter), unless the server sends Retry-After. Default 250 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap for any single backoff (including Retry-After). Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>maxlag</c> parameter sent with every request (seconds); null sends none. Default 5.</summary>
    public int? MaxLag { get; set; } = 5;

    /// <summary>User-Agent, per Wikimedia's policy (identify the tool and a contact).</summary>
    public string UserAgent { get; set; } = "LiftWing revert-risk model inference (C# re-implementation of WMF Lift Wing)";
}
