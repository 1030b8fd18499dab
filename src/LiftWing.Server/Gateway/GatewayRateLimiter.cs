using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>
/// The gateway's rate limits: fixed windows aligned to the unit (as envoyproxy/ratelimit counts), keyed by
/// <c>(policy, class, user, unit, window)</c>, counted in an <see cref="IRateLimitCounterStore"/>.
/// <see cref="GatewayMiddleware"/> asks <see cref="Covers"/> (synchronous, no allocation) and counts only the
/// requests a limit covers, asynchronously (Redis); in-process counting completes synchronously.
/// </summary>
internal sealed class GatewayRateLimiter
{
    private readonly RateLimitPolicy _policy;
    private readonly RateLimitOptions _options;
    private readonly IRateLimitCounterStore _store;
    private readonly TimeProvider _time;
    private readonly OverLimitKeys _overLimit;

    public GatewayRateLimiter(IOptions<GatewayOptions> options, IRateLimitCounterStore store, TimeProvider time)
    {
        _options = options.Value.RateLimits;
        _policy = new RateLimitPolicy(_options.Policy, _options.Classes);
        _store = store;
        _time = time;
        _overLimit = new OverLimitKeys(time);
    }

    /// <summary>Whether a limit covers the request: limits on, a prediction route, and not exempt loopback traffic.</summary>
    public bool Covers(HttpContext context, GatewayIdentity identity) =>
        _options.Enabled && RouteFamilies.IsPrediction(context.Request)
        // The gateway does not limit internal traffic (no client IP); loopback is ours.
        && !(identity.IsLoopback && _options.ExemptLoopback);

    /// <summary>Counts a covered request: <see langword="null"/> when it is admitted, otherwise why it is refused.</summary>
    public async ValueTask<RateLimitRejection?> TryAcquireAsync(GatewayIdentity identity, CancellationToken cancellationToken)
    {
        var rule = _policy.For(identity.Class);
        if (rule.Limit == 0)
        {
            return new RateLimitRejection(identity.Class, TimeSpan.FromSeconds(rule.UnitSeconds), LimitIsZero: true);
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var start = now - (now % rule.UnitSeconds);
        var end = DateTimeOffset.FromUnixTimeSeconds(start + rule.UnitSeconds);
        var key = string.Create(CultureInfo.InvariantCulture, $"{_policy.Name}:{identity.Class}:{identity.UserKey}:{rule.UnitSeconds}:{start}");
        // A key known to be over its limit for this window is refused here, without a counter call (as
        // envoyproxy/ratelimit's local cache does), so a client hammering past its limit costs Redis nothing.
        if (!_overLimit.Contains(key))
        {
            if (await _store.TryAcquireAsync(key, rule.Limit, end, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            _overLimit.Add(key, end);
        }

        return new RateLimitRejection(identity.Class, TimeSpan.FromSeconds(start + rule.UnitSeconds - now), LimitIsZero: false);
    }
}
