using System.Diagnostics.Metrics;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiftWing.Server.Hosting;

/// <summary>
/// Loads the models in the background once the host has started, so the server answers health checks in
/// seconds while large artifacts are pulled; <c>/v2/health/ready</c> says when it is done.
/// </summary>
internal sealed partial class ModelLoaderService(ModelRepository repository, StartupState state, LiftWingMetrics metrics, ILogger<ModelLoaderService> logger) : BackgroundService
{
    private ObservableGauge<int>? _gauge;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _gauge = metrics.Meter.CreateObservableGauge("liftwing_model_ready", ObserveReadiness, description: "1 when a model is ready, 0 otherwise.");
        try
        {
            await repository.LoadFromDirectoryAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            state.MarkLoaded();
        }

        var models = repository.Models;
        LogStartupLoaded(logger, models.Count(m => m.State.IsReady), models.Count);
    }

    private IEnumerable<Measurement<int>> ObserveReadiness() =>
        repository.Models.Select(m => new Measurement<int>(
            m.State.IsReady ? 1 : 0,
            new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, m.Config.Name),
            new KeyValuePair<string, object?>("state", m.State.Readiness.ToString().ToLowerInvariant())));

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Ready} of {Total} models ready")]
    private static partial void LogStartupLoaded(ILogger logger, int ready, int total);
}
