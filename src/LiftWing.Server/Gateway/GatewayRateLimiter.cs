using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Gateway;

/// <summary>
/// The gateway's limiter for ASP.NET Core rate limiting: fixed windows aligned to the unit (as envoyproxy/ratelimit
/// counts), keyed by <c>(policy, class, user, unit, window)</c>, counted in an <see cref="IRateLimitCounterStore"/>.
/// Counting is asynchronous (Redis), so <see cref="AttemptAcquireCore"/> only passes requests the policy does
/// not cover and defers the rest to <see cref="AcquireAsyncCore"/>, which the middleware calls next; in-process
/// counting completes synchronously there.
/// </summary>
internal sealed class GatewayRateLimiter : PartitionedRateLimiter<HttpContext>
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

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        IsCovered(resource, out _) ? Leases.Deferred : Leases.Acquired;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (!IsCovered(resource, out var identity))
        {
            return Leases.Acquired;
        }

        var rule = _policy.For(identity.Class);
        if (rule.Limit == 0)
        {
            resource.Items[RateLimitRejection.ItemKey] = new RateLimitRejection(identity.Class, TimeSpan.FromSeconds(rule.UnitSeconds), LimitIsZero: true);
            return Leases.Rejected;
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
                return Leases.Acquired;
            }

            _overLimit.Add(key, end);
        }

        resource.Items[RateLimitRejection.ItemKey] = new RateLimitRejection(identity.Class, TimeSpan.FromSeconds(start + rule.UnitSeconds - now), LimitIsZero: false);
        return Leases.Rejected;
    }

    private bool IsCovered(HttpContext context, out GatewayIdentity identity)
    {
        identity = null!;
        if (!_options.Enabled || !RouteFamilies.IsPrediction(context.Request)
            || context.Items[GatewayIdentity.ItemKey] is not GatewayIdentity id)
        {
            return false;
        }

        identity = id;
        // The gateway does not limit internal traffic (no client IP); loopback is ours.
        return !(id.IsLoopback && _options.ExemptLoopback);
    }

    private static class Leases
    {
        public static readonly RateLimitLease Acquired = new Lease(true);
        public static readonly RateLimitLease Rejected = new Lease(false);
        public static readonly RateLimitLease Deferred = new Lease(false);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        // Shared, stateless leases: a fixed window has nothing to release.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
