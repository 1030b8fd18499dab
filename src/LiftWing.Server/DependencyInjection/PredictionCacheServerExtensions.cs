using LiftWing.Core.Caching;
using LiftWing.Server.Caching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The prediction cache with every store, Redis included (Redis lives here to keep StackExchange.Redis out of Core).</summary>
public static class PredictionCacheServerExtensions
{
    /// <summary>Adds the cache; the store is the one <c>LiftWing:Cache:Store</c> names (<c>--cache memory|sqlite|redis|none</c>).</summary>
    public static IServiceCollection AddLiftWingPredictionCache(this IServiceCollection services, Action<PredictionCacheOptions>? configure = null)
    {
        services.TryAddKeyedSingleton<IPredictionStore>(CacheStoreKind.Redis, static (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<PredictionCacheOptions>>().Value;
            return RedisPredictionStore.Connect(o.Redis, o.KeyPrefix);
        });
        return services.AddPredictionCache(configure);
    }
}
