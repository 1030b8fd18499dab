namespace LiftWing.Wiki.MediaWiki;

/// <summary>The two MediaWiki APIs LiftWing calls; each has its own named client and retry rules.</summary>
internal enum MediaWikiApi
{
    /// <summary><c>/w/api.php</c>: retries 5xx, 429, <c>maxlag</c> and <c>ratelimited</c> with exponential back-off.</summary>
    Action,

    /// <summary><c>/w/rest.php</c>: retries 5xx, 429, timeouts and connection errors after a fixed wait.</summary>
    Rest,
}
