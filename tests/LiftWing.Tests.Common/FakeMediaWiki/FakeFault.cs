namespace LiftWing.Tests.Common.FakeMediaWiki;

/// <summary>
/// One injected answer: an HTTP status with an optional raw body, or an Action API error code (HTTP 200, like
/// MediaWiki's <c>maxlag</c>), optionally after a delay and with <c>Retry-After</c>. Status 200 with neither body nor
/// code answers normally after the delay.
/// </summary>
public sealed record FakeFault(int Status = 200, string? ApiErrorCode = null, string? Body = null, int? RetryAfterSeconds = null)
{
    /// <summary>Wait before answering.</summary>
    public TimeSpan Delay { get; init; }
}
