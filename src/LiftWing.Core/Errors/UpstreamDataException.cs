namespace LiftWing.Core.Errors;

/// <summary>
/// Data the model needs from an upstream (MediaWiki) is missing, deleted or unreachable.
/// Lift Wing answers these with a 4xx (e.g. 422 for a deleted revision) or 5xx for an unreachable upstream.
/// </summary>
public sealed class UpstreamDataException(int statusCode, string message, string? reason = null, Exception? inner = null)
    : LiftWingException(statusCode, message, inner)
{
    /// <summary>A stable machine-readable reason code (e.g. <c>revision-missing</c>), when there is one.</summary>
    public string? Reason { get; } = reason;
}
