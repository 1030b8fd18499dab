namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// How one model reaches the wikis, for both the Action API (revisions, users, pages) and the REST API (Parsoid HTML).
/// Retry counts and waits left unset take Lift Wing's value for the API in use.
/// </summary>
public sealed class MediaWikiClientOptions
{
    /// <summary>The User-Agent sent when a model sets none.</summary>
    public const string DefaultUserAgent = "LiftWing model inference (C# re-implementation of WMF Lift Wing)";

    /// <summary>
    /// Lift Wing's <c>WIKI_URL</c>: when set, every request goes to this base URL with a <c>Host: {lang}.wikipedia.org</c>
    /// header (the internal API cluster routes on it). When null, requests go to <c>https://{lang}.wikipedia.org</c>.
    /// </summary>
    public Uri? WikiUrl { get; set; }

    /// <summary>Lift Wing's <c>FORCE_HTTP</c>: use <c>http://</c> for the public host (Action API). Default false.</summary>
    public bool ForceHttp { get; set; }

    /// <summary>Per-attempt timeout, headers and body (Lift Wing's <c>AIOHTTP_CLIENT_TIMEOUT</c>). Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries after the first attempt on transient failures, at most 10. Null: Lift Wing's count for the API — 3 for the
    /// Action API (revert risk), 1 for the REST API (article quality's tenacity <c>stop_after_attempt(2)</c>).
    /// </summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// The first wait before a retry; the Action API doubles it per retry (with jitter), the REST API keeps it. Null:
    /// 250 ms for the Action API, 500 ms (tenacity <c>wait_fixed(0.5)</c>) for the REST API.
    /// </summary>
    public TimeSpan? RetryBaseDelay { get; set; }

    /// <summary>Cap for any single wait, <c>Retry-After</c> included. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>maxlag</c> parameter sent with every Action API request (seconds); null sends none. Default 5.</summary>
    public int? MaxLag { get; set; } = 5;

    /// <summary>User-Agent, per Wikimedia's policy (identify the tool and a contact).</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>The largest Parsoid HTML accepted, in bytes; larger pages are refused rather than buffered. Default 20 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The settings of one call to <paramref name="api"/>, with Lift Wing's per-API values where these are unset.</summary>
    internal MediaWikiCallPolicy PolicyFor(MediaWikiApi api)
    {
        var retries = MaxRetries ?? (api == MediaWikiApi.Action ? 3 : 1);
        if (retries is < 0 or > MediaWikiCallPolicy.MaxRetriesLimit)
        {
            throw new InvalidOperationException($"MaxRetries must be between 0 and {MediaWikiCallPolicy.MaxRetriesLimit}, not {retries}.");
        }

        var delay = RetryBaseDelay ?? (api == MediaWikiApi.Action ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromMilliseconds(500));
        return new MediaWikiCallPolicy(retries, delay, delay > MaxRetryDelay ? delay : MaxRetryDelay, Timeout);
    }
}
