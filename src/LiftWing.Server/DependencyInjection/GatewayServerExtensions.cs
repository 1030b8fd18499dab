using System.Net;
using LiftWing.Core.Caching;
using LiftWing.Server.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddLiftWingGateway()</c> / <c>UseLiftWingGateway()</c>: authentication, the admin plane, rate limits, edge behaviour.</summary>
internal static class GatewayServerExtensions
{
    /// <summary>Adds the gateway role, bound from <c>LiftWing:Gateway</c> and <c>LiftWing:Admin</c> and validated at start.</summary>
    public static IServiceCollection AddLiftWingGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration("LiftWing:Gateway").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.AddOptions<AdminOptions>().BindConfiguration("LiftWing:Admin").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdminKeys>();
        services.TryAddSingleton<ClientAddressResolver>();
        services.TryAddSingleton<JwtKeySource>();
        services.AddHttpClient(JwksRefreshService.HttpClientName, static c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<JwksRefreshService>();
        services.TryAddSingleton<IRateLimitCounterStore>(CreateCounterStore);
        services.TryAddSingleton<GatewayRateLimiter>();
        // The admin plane's own listener, beside the one LiftWing:Server configures.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AdminOptions>>(static (kestrel, admin) =>
        {
            if (admin.Value.Port is { } port)
            {
                kestrel.Listen(admin.Value.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(admin.Value.Host), port);
            }
        });

        services.TryAddSingleton<JwtValidator>();

        return services;
    }

    /// <summary>Adds the gateway middleware (authentication, the admin gate, rate limits).</summary>
    public static IApplicationBuilder UseLiftWingGateway(this IApplicationBuilder app)
    {
        app.UseMiddleware<GatewayMiddleware>();
        return app;
    }

    private static IRateLimitCounterStore CreateCounterStore(IServiceProvider sp)
    {
        var limits = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimits;
        var cache = sp.GetRequiredService<IOptions<PredictionCacheOptions>>().Value;
        var time = sp.GetRequiredService<TimeProvider>();
        var redis = limits.Redis ?? (cache.Store == CacheStoreKind.Redis ? cache.Redis : null);
        return redis is null
            ? new InProcessCounterStore(time)
            : new RedisCounterStore(redis, limits.RedisKeyPrefix, limits.RedisTimeout, time, sp.GetRequiredService<ILogger<RedisCounterStore>>());
    }
}
