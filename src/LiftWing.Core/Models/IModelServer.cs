namespace LiftWing.Core.Models;

/// <summary>
/// A model server type (the <c>server:</c> of model.yaml): creates model instances from their definitions.
/// Registered in DI; the repository picks one by <see cref="ServerType"/>.
/// </summary>
public interface IModelServer
{
    /// <summary>The <c>server:</c> value it serves, e.g. <c>onnx</c>.</summary>
    string ServerType { get; }

    /// <summary>Creates an unloaded model.</summary>
    IModel Create(ModelConfig config, IServiceProvider services);
}
