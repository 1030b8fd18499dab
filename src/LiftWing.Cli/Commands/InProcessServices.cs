using LiftWing.Core.Configuration;
using LiftWing.Core.Repository;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Cli.Commands;

/// <summary>
/// The composition root of the verbs that run models in process (list, pull, predict, precache, cache): the same
/// configuration tree and registrations as <c>serve</c>, without HTTP.
/// </summary>
internal static class InProcessServices
{
    /// <summary>The named client that reads event streams (server-sent events: no overall timeout).</summary>
    public const string EventStreamClient = "eventstreams";

    public static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> configuration, LogLevel logLevel = LogLevel.Warning, bool cache = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(LiftWingConfiguration.Build(configuration));
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel));
        services.AddLiftWingCore();
        services.AddLiftWingModels();
        if (cache)
        {
            services.AddLiftWingPredictionCache();
        }

        services.AddLiftWingEventsServer(); // nothing is built or sent without LiftWing:Events:EventGateUrl
        services.AddHttpClient(EventStreamClient, static c => c.Timeout = Timeout.InfiniteTimeSpan);

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The event-stream reader's client.</summary>
    public static HttpClient EventStreamHttp(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(EventStreamClient);

    /// <summary>Loads the models folder and returns the named models, or the first reason one is not usable.</summary>
    public static async Task<(List<LiftWing.Core.Models.IModel> Models, string? Error)> LoadReadyModelsAsync(IServiceProvider services, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var repo = services.GetRequiredService<ModelRepository>();
        await repo.LoadFromDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<LiftWing.Core.Models.IModel>();
        foreach (var name in names)
        {
            if (!repo.TryGet(name, out var m) || !m.State.IsReady)
            {
                return (models, $"Model {name} is not available: {(m is null ? "not found" : m.State.Reason)}");
            }

            models.Add(m);
        }

        return (models, null);
    }

    /// <summary>Starts events out when an EventGate URL is configured (there is no host to run it); null otherwise.</summary>
    public static async Task<LiftWing.Core.Events.EventDelivery?> StartEventsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LiftWing.Core.Events.EventsOptions>>().Value;
        if (!options.Enabled)
        {
            return null;
        }

        var delivery = services.GetRequiredService<LiftWing.Core.Events.EventDelivery>();
        await delivery.StartAsync(cancellationToken).ConfigureAwait(false);
        return delivery;
    }
}
