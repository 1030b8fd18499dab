using LiftWing.Server.Protocols.Ores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddLiftWingOres()</c>: the ORES v3 API, its catalogue and the resilient upstream client.</summary>
internal static class OresServiceCollectionExtensions
{
    /// <summary>Adds the ORES adapter with <see cref="OresOptions"/> bound from <c>LiftWing:Ores</c> and validated at start.</summary>
    public static IServiceCollection AddLiftWingOres(this IServiceCollection services)
    {
        services.AddOptions<OresOptions>().BindConfiguration(OresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OresOptions>, OresOptionsValidator>());
        services.TryAddSingleton(sp => OresCatalogueLoader.Load(sp.GetRequiredService<IOptions<OresOptions>>().Value.Catalogue));
        services.TryAddSingleton<OresMetrics>();
        services.TryAddSingleton<OresUpstreamClient>();
        services.TryAddSingleton<OresInProcessScorer>();
        services.TryAddSingleton<OresThresholds>();
        services.TryAddSingleton<OresScorer>();
        services.TryAddSingleton<OresRequestHandler>();
        services.AddHttpClient(OresUpstreamClient.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("LiftWing-ORES/1.0"))
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var o = sp.GetRequiredService<IOptions<OresOptions>>().Value;
                resilience.TotalRequestTimeout.Timeout = o.UpstreamTimeout;
                resilience.AttemptTimeout.Timeout = o.UpstreamAttemptTimeout;
                if (o.UpstreamRetries == 0)
                {
                    resilience.Retry.ShouldHandle = static _ => ValueTask.FromResult(false);
                }
                else
                {
                    resilience.Retry.MaxRetryAttempts = o.UpstreamRetries;
                }

                resilience.Retry.Delay = o.UpstreamRetryDelay;
                // The breaker's window must be at least twice the attempt timeout.
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(resilience.CircuitBreaker.SamplingDuration.Ticks, 2 * o.UpstreamAttemptTimeout.Ticks));
            });
        return services;
    }
}
