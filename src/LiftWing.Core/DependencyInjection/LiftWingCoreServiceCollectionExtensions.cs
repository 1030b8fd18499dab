using LiftWing.Core.Artifacts;
using LiftWing.Core.Configuration;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Configuration;
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
        // Hosts register the configuration tree first; a bare service collection (tests) binds from an empty one.
        services.TryAddSingleton<IConfiguration>(static _ => new ConfigurationBuilder().Build());
        services.AddLiftWingOptions<ModelRepositoryOptions>(LiftWingConfiguration.Models);
        services.AddLiftWingOptions<ArtifactStoreOptions>(LiftWingConfiguration.Artifacts);
        services.AddLiftWingOptions<InferenceOptions>(LiftWingConfiguration.Inference);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiftWingMetrics>();
        services.TryAddSingleton<ArtifactStore>();
        services.TryAddSingleton<ModelRepository>();
        services.TryAddSingleton(static sp => new InferenceService(
            sp.GetRequiredService<ModelRepository>(),
            sp.GetRequiredService<LiftWingMetrics>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<InferenceOptions>>(),
            sp.ResolvePredictionCache()));
        return services;
    }

    /// <summary>Registers a model server type.</summary>
    public static IServiceCollection AddModelServer(this IServiceCollection services, string serverType, Func<ModelConfig, IServiceProvider, IModel> factory)
    {
        services.AddSingleton<IModelServer>(new DelegateModelServer(serverType, factory));
        return services;
    }
}
