namespace LiftWing.Server.Gateway;

/// <summary>
/// A rate-limit count already made for this request (by <c>CachedHitLane</c>, which counts before it looks the answer
/// up), left as a request feature so that <see cref="GatewayMiddleware"/> applies it instead of counting again.
/// </summary>
internal sealed class RateLimitDecision
{
    private RateLimitDecision(RateLimitRejection? rejection) => Rejection = rejection;

    /// <summary>The decision for an admitted request.</summary>
    public static RateLimitDecision Admitted { get; } = new(null);

    /// <summary>Why the request is refused; null when it was admitted.</summary>
    public RateLimitRejection? Rejection { get; }

    /// <summary>The decision for a refused request.</summary>
    public static RateLimitDecision Refused(RateLimitRejection rejection) => new(rejection ?? throw new ArgumentNullException(nameof(rejection)));
}
