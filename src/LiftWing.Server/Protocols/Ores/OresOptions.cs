using System.ComponentModel.DataAnnotations;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>The ORES v3 API (<c>/v3/scores</c>). Bound from the <c>LiftWing:Ores</c> configuration section.</summary>
public sealed class OresOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LiftWing:Ores";

    /// <summary>Lift Wing's public API, the default upstream.</summary>
    public const string PublicLiftWing = "https://api.wikimedia.org/service/lw/inference";

    /// <summary>A catalogue file (YAML) replacing the built-in one; null or empty: the built-in catalogue.</summary>
    public string? Catalogue { get; set; }

    /// <summary>
    /// The Lift Wing base URL for <c>backend: upstream</c> models (<c>serve --ores-upstream</c>); calls go to
    /// <c>{Upstream}/v1/models/{context}-{model}:predict</c>.
    /// </summary>
    [Required]
    public string Upstream { get; set; } = PublicLiftWing;

    /// <summary>
    /// Whether upstream calls carry <c>Host: {context}-{model}.{namespace}.wikimedia.org</c> as ores-legacy's do
    /// (Lift Wing's internal endpoint routes on it). Null: send it unless the upstream is the public API, which
    /// routes on the path.
    /// </summary>
    public bool? SendHostHeader { get; set; }

    /// <summary>The most scores (revids × models) one <c>/v3/scores/{context}</c> request may ask for (ores-legacy's LW_REQUEST_LIMIT).</summary>
    [Range(1, 10_000)]
    public int RequestLimit { get; set; } = 20;

    /// <summary>Upstream calls in flight at once, over all requests; more wait their turn.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentUpstreamCalls { get; set; } = 64;

    /// <summary>The whole budget of one upstream score, retries included.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The budget of one upstream attempt.</summary>
    public TimeSpan UpstreamAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a failed upstream attempt (5xx, 408, 429, connection errors).</summary>
    [Range(0, 5)]
    public int UpstreamRetries { get; set; } = 2;

    /// <summary>The first retry's delay (exponential with jitter after it).</summary>
    public TimeSpan UpstreamRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long an upstream score stays in the prediction cache, e.g. <c>30d</c>.</summary>
    [Required]
    public string CacheTtl { get; set; } = "30d";

    /// <summary>Whether the host header is sent to <see cref="Upstream"/>.</summary>
    internal bool HostHeaderWanted =>
        SendHostHeader ?? !(Uri.TryCreate(Upstream, UriKind.Absolute, out var u) && u.Host.Equals("api.wikimedia.org", StringComparison.OrdinalIgnoreCase));
}
