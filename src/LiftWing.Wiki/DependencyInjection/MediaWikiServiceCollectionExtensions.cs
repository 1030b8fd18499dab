using System.Net;
using LiftWing.Core.Configuration;
using LiftWing.Wiki.Emulation;
using LiftWing.Wiki.MediaWiki;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddMediaWiki()</c>: wiki access for every model, in one place.</summary>
public static class MediaWikiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MediaWikiOptions"/> (bound from <c>LiftWing:Wiki</c>, validated at start), the named
    /// <see cref="HttpClient"/>s for the Action and REST APIs from <see cref="IHttpClientFactory"/> (pooled sockets,
    /// decompression, and the resilience pipeline of <see cref="MediaWikiResilience"/>: total timeout, retries with
    /// Lift Wing's rules per API, circuit breaker, attempt timeout), the offline client of the <c>fixtures:</c> and
    /// <c>dump:</c> sources, and <see cref="WikiSources"/>, which models take in their constructors.
    /// </summary>
    public static IServiceCollection AddMediaWiki(this IServiceCollection services)
    {
        services.AddLiftWingOptions<MediaWikiOptions>(LiftWingConfiguration.Wiki);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<WikiSources>();
        foreach (var (name, api) in new[] { (WikiSources.ActionApiClient, MediaWikiApi.Action), (WikiSources.RestApiClient, MediaWikiApi.Rest) })
        {
            var client = services.AddHttpClient(name, static c => c.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = DecompressionMethods.All,
                });
            client.AddResilienceHandler(name, (pipeline, context) => MediaWikiResilience.Configure(
                    pipeline,
                    api,
                    context.ServiceProvider.GetRequiredService<IOptions<MediaWikiOptions>>().Value,
                    context.ServiceProvider.GetRequiredService<TimeProvider>(),
                    context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MediaWikiResilience).FullName!)));
            if (api == MediaWikiApi.Action)
            {
                // Inside the pipeline, so that a maxlag/ratelimited answer in a 200 body is retried like a 503.
                client.AddHttpMessageHandler(static () => new MediaWikiApiErrorHandler());
            }
        }

        // fixtures: and dump: sources answer in process; each request carries its source's emulator.
        services.AddHttpClient(WikiSources.OfflineApiClient, static c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new ActionApiEmulatorHandler());
        return services;
    }
}
