using LiftWing.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Core.Models;

/// <summary>
/// An <see cref="IModelServer"/> from a factory delegate. Before the factory runs, the deployment's model options
/// (<c>LiftWing:ModelOptions</c>) are laid over model.yaml's, and <c>batching:</c> is refused for servers that cannot batch.
/// </summary>
internal sealed class DelegateModelServer(string serverType, Func<ModelConfig, IServiceProvider, IModel> factory, bool supportsBatching = false) : IModelServer
{
    private static readonly BatchingSettings s_noBatching = new();

    /// <inheritdoc />
    public string ServerType { get; } = serverType;

    /// <summary>Whether models of this server run <c>batching:</c> through the shared dynamic batcher.</summary>
    public bool SupportsBatching { get; } = supportsBatching;

    /// <inheritdoc />
    public IModel Create(ModelConfig config, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(services);
        if (!SupportsBatching && config.Batching != s_noBatching)
        {
            // No configuration key without effect.
            throw new InvalidDataException($"model '{config.Name}': model.yaml batching: server '{ServerType}' does not batch requests; remove the batching block.");
        }

        var configuration = services.GetService<IConfiguration>();
        return factory(configuration is null ? config : ModelOptionsOverlay.Apply(config, configuration), services);
    }
}
