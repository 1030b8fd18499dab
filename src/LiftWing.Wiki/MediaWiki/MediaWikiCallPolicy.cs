namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// The retry and timeout settings of one call, carried on the request to the named client's resilience pipeline:
/// the pipeline is built once per API, while retry counts and timeouts are per model (model.yaml and <c>LiftWing:Wiki</c>).
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt (at most <see cref="MaxRetriesLimit"/>).</param>
/// <param name="RetryDelay">The first (Action API: doubling, with jitter) or every (REST) wait before a retry.</param>
/// <param name="MaxRetryDelay">The cap of any wait, <c>Retry-After</c> included.</param>
/// <param name="AttemptTimeout">The limit of one attempt.</param>
internal sealed record MediaWikiCallPolicy(int MaxRetries, TimeSpan RetryDelay, TimeSpan MaxRetryDelay, TimeSpan AttemptTimeout)
{
    /// <summary>The most retries any call may ask for (the pipeline's retry-strategy ceiling).</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>The request option that carries the policy.</summary>
    public static readonly HttpRequestOptionsKey<MediaWikiCallPolicy> Key = new("LiftWing.MediaWiki.CallPolicy");

    /// <summary>Used when a request carries no policy (the named client used directly): Lift Wing's Action API defaults.</summary>
    public static MediaWikiCallPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    /// <summary>The policy a request carries, or <see cref="Default"/>.</summary>
    public static MediaWikiCallPolicy Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var policy) ? policy : Default;

    /// <summary>Attaches this policy to a request.</summary>
    public void ApplyTo(HttpRequestMessage request) => request.Options.Set(Key, this);
}
