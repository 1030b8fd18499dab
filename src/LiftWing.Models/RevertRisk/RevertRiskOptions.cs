using System.ComponentModel.DataAnnotations;

namespace LiftWing.Models.RevertRisk;

/// <summary>
/// <c>options:</c> of <c>models/revertrisk-language-agnostic/model.yaml</c> (snake_case keys). The deployment's wiki
/// settings (<c>LiftWing:Wiki</c>: <c>WIKI_URL</c>, <c>FORCE_HTTP</c>, <c>AIOHTTP_CLIENT_TIMEOUT</c>) win over the wiki
/// settings here; <c>ALLOW_REVISION_JSON_INPUT</c> and <c>REVERTRISK_REVISION_SOURCE</c> reach these options through
/// <c>LiftWing:ModelOptions</c> (see LiftWingEnvironment).
/// </summary>
internal sealed class RevertRiskOptions
{
    /// <summary>Accept <c>{"revision_data": …}</c> (pre-save) requests. Default true in the shipped config.</summary>
    public bool AllowRevisionJsonInput { get; set; }

    /// <summary>Where revisions come from: <c>live</c>, <c>fixtures:DIR</c> or <c>dump:FILE</c> (relative to the model folder). Default live.</summary>
    [Required]
    public string RevisionSource { get; set; } = "live";

    /// <summary>Internal MediaWiki API base URL, sent with a <c>Host</c> header (Lift Wing's <c>WIKI_URL</c>). Default none.</summary>
    public string? WikiUrl { get; set; }

    /// <summary>Use http:// for the public host. Default false.</summary>
    public bool ForceHttp { get; set; }

    /// <summary>Per-request MediaWiki timeout in seconds. Default 5 (Lift Wing's AIOHTTP_CLIENT_TIMEOUT).</summary>
    [Range(0.001, 3600)]
    public double MediawikiTimeoutSeconds { get; set; } = 5;

    /// <summary>Retries on 5xx/maxlag/ratelimited. Default 3.</summary>
    [Range(0, 10)]
    public int MediawikiMaxRetries { get; set; } = 3;

    /// <summary>Most <c>instances</c> per request. Default 20, as Lift Wing.</summary>
    [Range(1, 10_000)]
    public int MaxInstances { get; set; } = 20;

    /// <summary><c>prediction</c> is true when the probability is at least this. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.5;
}
