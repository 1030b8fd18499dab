using LiftWing.Core.Inference;

namespace LiftWing.Core.Models;

/// <summary>
/// Typed base for models: the stages take and return the model's own types, and the boxing to
/// <see cref="IModel"/> happens once here.
/// </summary>
/// <typeparam name="TInput">What preprocess produces.</typeparam>
/// <typeparam name="TOutput">What predict produces.</typeparam>
public abstract class ModelBase<TInput, TOutput> : IModel
{
    private volatile ModelState _state = ModelState.Unloaded;

    /// <summary>Creates the model from its definition.</summary>
    protected ModelBase(ModelConfig config) => Config = config ?? throw new ArgumentNullException(nameof(config));

    /// <inheritdoc />
    public ModelConfig Config { get; }

    /// <summary>The URL name.</summary>
    public string Name => Config.Name;

    /// <summary>The version.</summary>
    public string Version => Config.Version;

    /// <inheritdoc />
    public ModelState State => _state;

    /// <inheritdoc />
    public virtual ModelMetadata Metadata { get; } = new();

    /// <inheritdoc />
    public async Task LoadAsync(ModelLoadContext context, CancellationToken cancellationToken)
    {
        _state = new ModelState(ModelReadiness.Loading, "loading");
        await LoadCoreAsync(context, cancellationToken).ConfigureAwait(false);
        _state = ModelState.Ready;
    }

    /// <summary>Loads the model's artifacts.</summary>
    protected abstract Task LoadCoreAsync(ModelLoadContext context, CancellationToken cancellationToken);

    /// <inheritdoc />
    public void MarkFailed(string reason) => _state = new ModelState(ModelReadiness.Failed, reason);

    /// <summary>Marks the model unloaded (after <see cref="DisposeAsync"/> by the repository).</summary>
    protected void MarkUnloaded() => _state = ModelState.Unloaded;

    /// <summary>Validates and converts the request.</summary>
    protected abstract ValueTask<TInput> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken);

    /// <summary>Runs the model.</summary>
    protected abstract ValueTask<TOutput> PredictAsync(TInput input, InferenceRequest request, CancellationToken cancellationToken);

    /// <summary>Builds the response.</summary>
    protected abstract ValueTask<InferenceResponse> PostprocessAsync(TOutput output, InferenceRequest request, CancellationToken cancellationToken);

    async ValueTask<object?> IModel.PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
        await PreprocessAsync(request, cancellationToken).ConfigureAwait(false);

    async ValueTask<object?> IModel.PredictAsync(object? input, InferenceRequest request, CancellationToken cancellationToken) =>
        await PredictAsync((TInput)input!, request, cancellationToken).ConfigureAwait(false);

    ValueTask<InferenceResponse> IModel.PostprocessAsync(object? output, InferenceRequest request, CancellationToken cancellationToken) =>
        PostprocessAsync((TOutput)output!, request, cancellationToken);

    /// <inheritdoc />
    public virtual string? GetCacheKey(InferenceRequest request) => null;

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        MarkUnloaded();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
