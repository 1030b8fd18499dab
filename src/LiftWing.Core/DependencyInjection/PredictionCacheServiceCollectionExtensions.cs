using LiftWing.Core.Caching;
using LiftWing.Core.Configuration;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the prediction cache.</summary>
public static class PredictionCacheServiceCollectionExtensions
{
    /// <summary>
    /// Adds the prediction cache, bound from <c>LiftWing:Cache</c> (then <paramref name="configure"/>). The store is
    /// picked from the bound <see cref="PredictionCacheOptions.Store"/> among the keyed <see cref="IPredictionStore"/>
    /// registrations: SQLite here, Redis in LiftWing.Server; memory and none need none.
    /// </summary>
    public static IServiceCollection AddPredictionCache(this IServiceCollection services, Action<PredictionCacheOptions>? configure = null)
    {
        var options = services.AddLiftWingOptions<PredictionCacheOptions>(LiftWingConfiguration.Cache);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiftWingMetrics>();
        services.TryAddKeyedSingleton<IPredictionStore>(CacheStoreKind.Sqlite, static (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<PredictionCacheOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            // Opened on first use: a broken file degrades to uncached answers instead of failing every prediction.
            return new ReopeningPredictionStore("sqlite", () => new SqlitePredictionStore(o.SqlitePath, time, o.SqliteCleanupInterval));
        });
        services.TryAddSingleton(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<PredictionCacheOptions>>();
            var store = o.Value.Store is CacheStoreKind.None or CacheStoreKind.Memory ? null : sp.GetRequiredKeyedService<IPredictionStore>(o.Value.Store);
            return new PredictionCache(o, sp.GetRequiredService<LiftWingMetrics>(), sp.GetRequiredService<TimeProvider>(), store, sp.GetService<ILogger<PredictionCache>>());
        });
        return services;
    }

    /// <summary>The cache the data plane uses: null when none is registered or the store is <see cref="CacheStoreKind.None"/>.</summary>
    public static PredictionCache? ResolvePredictionCache(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var o = services.GetService<IOptions<PredictionCacheOptions>>();
        return o is null || o.Value.Store == CacheStoreKind.None ? null : services.GetService<PredictionCache>();
    }

    /// <summary>The configured L2 store, or null for memory and none (for the <c>cache</c> verbs).</summary>
    public static IPredictionStore? ResolvePredictionStore(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = services.GetRequiredService<IOptions<PredictionCacheOptions>>().Value.Store;
        return store is CacheStoreKind.None or CacheStoreKind.Memory ? null : services.GetRequiredKeyedService<IPredictionStore>(store);
    }
}
