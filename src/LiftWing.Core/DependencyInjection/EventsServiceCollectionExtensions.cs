using LiftWing.Core.Events;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers events out (<c>LiftWing:Events</c>).</summary>
public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the emitter (the data plane calls it after each answer), the outbox and the delivery, with options
    /// bound from <c>LiftWing:Events</c> (when an <see cref="IConfiguration"/> is registered), then
    /// <paramref name="configure"/>, validated at start. Nothing is built or sent without an EventGate URL.
    /// </summary>
    public static IServiceCollection AddLiftWingEvents(this IServiceCollection services, Action<EventsOptions>? configure = null)
    {
        services.AddOptions<EventsOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(EventsOptions.Section).Bind(o))
            .Configure(o => configure?.Invoke(o))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiftWingMetrics>();
        services.TryAddSingleton<EventMetrics>();
        services.TryAddSingleton<PredictionEventEmitter>();
        services.TryAddSingleton<IEventOutboxFactory, SqliteEventOutboxFactory>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IEventOutboxFactory>().Create(sp.GetRequiredService<IOptions<EventsOptions>>().Value));
        // The sender bounds each POST itself (RequestTimeout); a client of its own keeps EventGate off other pools.
        services.AddHttpClient(EventDelivery.HttpClientName, static c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new EventDelivery(
            sp.GetRequiredService<PredictionEventEmitter>(),
            sp.GetRequiredService<IEventOutbox>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(EventDelivery.HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EventDelivery>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EventDeliveryHostedService>());
        return services;
    }
}
