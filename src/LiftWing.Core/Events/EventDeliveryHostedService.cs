using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Events;

/// <summary>Runs <see cref="EventDelivery"/> in a host (serve) when an EventGate URL is configured.</summary>
internal sealed class EventDeliveryHostedService(IServiceProvider services, IOptions<EventsOptions> options) : IHostedService
{
    private EventDelivery? _delivery;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        _delivery = services.GetRequiredService<EventDelivery>();
        return _delivery.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _delivery?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
