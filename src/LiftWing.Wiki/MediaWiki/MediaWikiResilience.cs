using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// The resilience pipeline of one MediaWiki named client, outermost first: a total timeout, retries (Lift Wing's rules
/// per API, counts and waits from the request's <see cref="MediaWikiCallPolicy"/>, <c>Retry-After</c> honoured), a
/// circuit breaker, and the per-attempt timeout.
/// </summary>
internal static partial class MediaWikiResilience
{
    /// <summary>The bound of a whole call, retries and waits included.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Adds the strategies to a named client's pipeline.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, MediaWikiApi api, MediaWikiOptions wiki, TimeProvider time, ILogger logger)
    {
        pipeline
            .AddTimeout(TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MediaWikiCallPolicy.MaxRetriesLimit,
                BackoffType = api == MediaWikiApi.Action ? DelayBackoffType.Exponential : DelayBackoffType.Constant,
                UseJitter = api == MediaWikiApi.Action,
                ShouldRetryAfterHeader = false, // DelayGenerator reads it, capped by the call's MaxRetryDelay
                ShouldHandle = args => ValueTask.FromResult(
                    args.AttemptNumber < MediaWikiCallPolicy.Of(args.Context.GetRequestMessage()).MaxRetries && IsRetryable(api, args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    Delay(api, MediaWikiCallPolicy.Of(args.Context.GetRequestMessage()), args.AttemptNumber, args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    LogRetry(logger, api, args.Context.GetRequestMessage()?.Headers.Host ?? args.Context.GetRequestMessage()?.RequestUri?.Host ?? "?",
                        Describe(args.Outcome), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.9,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = wiki.BreakDuration,
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(MediaWikiCallPolicy.Of(args.Context.GetRequestMessage()).AttemptTimeout),
            });
    }

    /// <summary>
    /// Lift Wing's rules: the Action API retries what the wiki says is temporary (5xx, 429, <c>maxlag</c>, <c>ratelimited</c>)
    /// and fails at once on a timeout or a refused connection; the REST fetch retries those too.
    /// </summary>
    internal static bool IsRetryable(MediaWikiApi api, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } ex)
        {
            return api == MediaWikiApi.Rest && ex is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return api == MediaWikiApi.Action
            && response.Headers.TryGetValues(MediaWikiApiErrorHandler.ErrorHeader, out var codes)
            && codes.Any(static c => c is "maxlag" or "ratelimited");
    }

    /// <summary>The wait before retry <paramref name="attempt"/> (zero-based): <c>Retry-After</c> if sent, else the back-off; both capped.</summary>
    internal static TimeSpan Delay(MediaWikiApi api, MediaWikiCallPolicy policy, int attempt, HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is null)
        {
            if (api == MediaWikiApi.Rest)
            {
                delay = policy.RetryDelay;
            }
            else
            {
                // Jitter keeps many replicas from retrying in lockstep against a lagged database.
#pragma warning disable CA5394 // Not security: jitter.
                var jitter = 0.5 + (Random.Shared.NextDouble() / 2);
#pragma warning restore CA5394
                delay = TimeSpan.FromMilliseconds(Math.Min(policy.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt) * jitter, policy.MaxRetryDelay.TotalMilliseconds));
            }
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > policy.MaxRetryDelay ? policy.MaxRetryDelay : delay.Value;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name
        : outcome.Result!.Headers.TryGetValues(MediaWikiApiErrorHandler.ErrorHeader, out var codes) ? string.Join(',', codes)
        : "http " + (int)outcome.Result.StatusCode;

    [LoggerMessage(Level = LogLevel.Warning, Message = "MediaWiki {Api} API at {Host}: {Reason}, retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, MediaWikiApi api, string host, string reason, int attempt, double delayMs);
}
