using LiftWing.Core.Events;
using LiftWing.Server.Events;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Events out with every outbox, Redis included (Redis lives here to keep StackExchange.Redis out of Core).</summary>
public static class EventsServerExtensions
{
    /// <summary>Adds events out (<c>LiftWing:Events</c>) with the SQLite or Redis outbox.</summary>
    public static IServiceCollection AddLiftWingEventsServer(this IServiceCollection services, Action<EventsOptions>? configure = null)
    {
        services.AddSingleton<IEventOutboxFactory, ServerEventOutboxFactory>();
        return services.AddLiftWingEvents(configure);
    }
}
