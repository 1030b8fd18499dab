using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Core.Repository;

/// <summary>Stands in for a model whose definition could not even be turned into a model, so it is listed as failed.</summary>
internal sealed class FailedModel(ModelConfig config, string reason) : IModel
{
    public ModelConfig Config { get; } = config;

    public ModelState State { get; private set; } = new(ModelReadiness.Failed, reason);

    public ModelMetadata Metadata { get; } = new();

    public Task LoadAsync(ModelLoadContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(State.Reason);

    public void MarkFailed(string reason) => State = new ModelState(ModelReadiness.Failed, reason);

    public ValueTask<object?> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken) =>
        throw new ModelNotReadyException(Config.Name);

    public ValueTask<object?> PredictAsync(object? input, InferenceRequest request, CancellationToken cancellationToken) =>
        throw new ModelNotReadyException(Config.Name);

    public ValueTask<InferenceResponse> PostprocessAsync(object? output, InferenceRequest request, CancellationToken cancellationToken) =>
        throw new ModelNotReadyException(Config.Name);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
