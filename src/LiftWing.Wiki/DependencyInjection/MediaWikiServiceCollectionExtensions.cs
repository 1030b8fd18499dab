using System.Net;
using LiftWing.Core.Configuration;
using LiftWing.Wiki.MediaWiki;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddMediaWiki()</c>: wiki access for every model, in one place.</summary>
public static class MediaWikiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MediaWikiOptions"/> (bound from <c>LiftWing:Wiki</c>, validated at start), the named
    /// <see cref="HttpClient"/>s for the Action and REST APIs from <see cref="IHttpClientFactory"/> (pooled sockets,
    /// decompression, and a resilience pipeline with a total timeout and a circuit breaker per client), and
    /// <see cref="WikiSources"/>, which models take in their constructors.
    /// </summary>
    /// <remarks>
    /// Retries stay in the two clients: MediaWiki signals <c>maxlag</c> and <c>ratelimited</c> inside 200 answers and
    /// Lift Wing's retry counts differ per API, so a generic HTTP retry would retry the wrong things.
    /// </remarks>
    public static IServiceCollection AddMediaWiki(this IServiceCollection services)
    {
        services.AddLiftWingOptions<MediaWikiOptions>(LiftWingConfiguration.Wiki);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<WikiSources>();
        foreach (var name in new[] { WikiSources.ActionApiClient, WikiSources.RestApiClient })
        {
            services.AddHttpClient(name, static c => c.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = DecompressionMethods.All,
                })
                .AddResilienceHandler(name, static (pipeline, context) =>
                {
                    var wiki = context.ServiceProvider.GetRequiredService<IOptions<MediaWikiOptions>>().Value;
                    pipeline
                        // The clients time each attempt; this bounds a whole call, retries included.
                        .AddTimeout(TimeSpan.FromMinutes(1))
                        .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                        {
                            FailureRatio = 0.9,
                            MinimumThroughput = 20,
                            SamplingDuration = TimeSpan.FromSeconds(30),
                            BreakDuration = wiki.BreakDuration,
                        });
                });
        }

        return services;
    }
}
