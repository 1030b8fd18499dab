using LiftWing.Core.Artifacts;
using LiftWing.Core.Configuration;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the LiftWing data plane.</summary>
public static class LiftWingCoreServiceCollectionExtensions
{
    /// <summary>Adds the repository, the inference service, the artifact store and the metrics, with validated options.</summary>
    public static IServiceCollection AddLiftWingCore(this IServiceCollection services)
    {
        services.AddLiftWingOptions<ModelRepositoryOptions>(LiftWingConfiguration.Models);
        services.AddLiftWingOptions<ArtifactStoreOptions>(LiftWingConfiguration.Artifacts);
        services.AddLiftWingOptions<InferenceOptions>(LiftWingConfiguration.Inference);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiftWingMetrics>();
        // Artifact downloads share one pooled client from the factory instead of a client per fetch.
        services.AddHttpClient(ArtifactStore.HttpClientName, static c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(static sp => new ArtifactStore(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ArtifactStoreOptions>>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ArtifactStore>>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ArtifactStore.HttpClientName)));
        services.TryAddSingleton<ModelRepository>();
        services.TryAddSingleton(static sp => new InferenceService(
            sp.GetRequiredService<ModelRepository>(),
            sp.GetRequiredService<LiftWingMetrics>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<InferenceOptions>>(),
            sp.ResolvePredictionCache(),
            sp.GetService<LiftWing.Core.Events.PredictionEventEmitter>()));
        return services;
    }

    /// <summary>Registers a model server type.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serverType">The <c>server:</c> value of model.yaml.</param>
    /// <param name="factory">Creates a model with its typed dependencies (the composition root resolves them here).</param>
    /// <param name="supportsBatching">Whether the server runs <c>batching:</c> through the dynamic batcher; if not, model.yaml may not set it.</param>
    public static IServiceCollection AddModelServer(this IServiceCollection services, string serverType, Func<ModelConfig, IServiceProvider, IModel> factory, bool supportsBatching = false)
    {
        services.AddSingleton<IModelServer>(new DelegateModelServer(serverType, factory, supportsBatching));
        return services;
    }
}
