using LiftWing.Core.Caching;
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
    /// Adds the prediction cache under the data plane. <see cref="CacheStoreKind.Sqlite"/> registers the SQLite
    /// store here; for <see cref="CacheStoreKind.Redis"/> register an <see cref="IPredictionStore"/> too
    /// (<c>AddRedisPredictionStore()</c> in LiftWing.Server). <see cref="CacheStoreKind.None"/> adds nothing.
    /// </summary>
    public static IServiceCollection AddPredictionCache(this IServiceCollection services, Action<PredictionCacheOptions>? configure = null)
    {
        var options = new PredictionCacheOptions();
        configure?.Invoke(options);
        if (options.Store == CacheStoreKind.None)
        {
            return services;
        }

        services.AddOptions<PredictionCacheOptions>().Configure(o =>
        {
            configure?.Invoke(o);
        }).ValidateDataAnnotations();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiftWingMetrics>();
        if (options.Store == CacheStoreKind.Sqlite)
        {
            services.TryAddSingleton<IPredictionStore>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<PredictionCacheOptions>>().Value;
                var time = sp.GetRequiredService<TimeProvider>();
                // Opened on first use: a broken file degrades to uncached answers instead of failing every prediction.
                return new ReopeningPredictionStore("sqlite", () => new SqlitePredictionStore(o.SqlitePath, time, o.SqliteCleanupInterval));
            });
        }

        services.TryAddSingleton(sp => new PredictionCache(
            sp.GetRequiredService<IOptions<PredictionCacheOptions>>(),
            sp.GetRequiredService<LiftWingMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            options.Store == CacheStoreKind.Memory ? null : sp.GetRequiredService<IPredictionStore>(),
            sp.GetService<ILogger<PredictionCache>>()));
        return services;
    }
}
