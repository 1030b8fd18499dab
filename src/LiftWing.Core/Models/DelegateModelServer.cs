namespace LiftWing.Core.Models;

/// <summary>An <see cref="IModelServer"/> from a factory delegate.</summary>
public sealed class DelegateModelServer(string serverType, Func<ModelConfig, IServiceProvider, IModel> factory) : IModelServer
{
    /// <inheritdoc />
    public string ServerType { get; } = serverType;

    /// <inheritdoc />
    public IModel Create(ModelConfig config, IServiceProvider services) => factory(config, services);
}
