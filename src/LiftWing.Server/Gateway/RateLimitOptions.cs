namespace LiftWing.Server.Gateway;

/// <summary>Rate limits per class (<c>LiftWing:Gateway:RateLimits</c>).</summary>
internal sealed class RateLimitOptions
{
    /// <summary>Whether prediction routes are rate limited. The default is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The policy name, part of every counter key (the gateway's is <c>LiftWing</c>).</summary>
    public string Policy { get; set; } = "LiftWing";

    /// <summary>
    /// Limits per class as <c>N/UNIT</c> (UNIT: second, minute, hour, day), overriding Lift Wing's policy
    /// (<see cref="RateLimitPolicy.LiftWingDefaults"/>); <c>*</c> is the fallback for unknown classes.
    /// </summary>
    public IDictionary<string, string> Classes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether requests from loopback are not counted, as the gateway exempts internal traffic (no client IP).
    /// The default is true; set false to limit local clients too.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>The Redis endpoint for shared counters; null: the prediction cache's Redis when <c>--cache redis</c>, else in-process.</summary>
    public string? Redis { get; set; }

    /// <summary>The prefix of counter keys in Redis. The default is <c>lw:rl:</c>.</summary>
    public string RedisKeyPrefix { get; set; } = "lw:rl:";

    /// <summary>How long one Redis counter call may take before the in-process counter answers instead. The default is 250 ms.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
