using LiftWing.Core.Models;

namespace LiftWing.Core.Repository;

/// <summary>
/// A request's hold on a model instance (from <see cref="ModelRepository.Acquire"/>): while it is held the
/// instance is not disposed, so an unload or reload waits for the request instead of pulling the model from under it.
/// </summary>
public sealed class ModelLease : IDisposable
{
    private ModelLeaseCounter? _counter;

    internal ModelLease(IModel model, ModelLeaseCounter counter)
    {
        Model = model;
        _counter = counter;
    }

    /// <summary>The leased model.</summary>
    public IModel Model { get; }

    /// <summary>Ends the lease (once).</summary>
    public void Dispose() => Interlocked.Exchange(ref _counter, null)?.Exit();
}
