using LiftWing.Core.Inference;

namespace LiftWing.Core.Models;

/// <summary>
/// A served model, in KServe's shape: load once, then preprocess → predict → postprocess per request.
/// Models know nothing about HTTP; the stages throw <see cref="Errors.LiftWingException"/>s for bad input.
/// </summary>
public interface IModel : IAsyncDisposable
{
    /// <summary>The model's definition.</summary>
    ModelConfig Config { get; }

    /// <summary>The URL name.</summary>
    string Name => Config.Name;

    /// <summary>The version (<c>model_version</c>).</summary>
    string Version => Config.Version;

    /// <summary>Readiness with a reason.</summary>
    ModelState State { get; }

    /// <summary>V2 metadata: platform and tensor signature.</summary>
    ModelMetadata Metadata { get; }

    /// <summary>Loads artifacts; after success <see cref="State"/> is ready. Throws on failure.</summary>
    Task LoadAsync(ModelLoadContext context, CancellationToken cancellationToken);

    /// <summary>Marks the model failed with a reason (the repository calls this when loading throws).</summary>
    void MarkFailed(string reason);

    /// <summary>Validates the request and turns it into the model input (may fetch data).</summary>
    ValueTask<object?> PreprocessAsync(InferenceRequest request, CancellationToken cancellationToken);

    /// <summary>Runs the model on the preprocessed input.</summary>
    ValueTask<object?> PredictAsync(object? input, InferenceRequest request, CancellationToken cancellationToken);

    /// <summary>Turns the prediction into the protocol response.</summary>
    ValueTask<InferenceResponse> PostprocessAsync(object? output, InferenceRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The model's own cache key for a request (without model name and version, which the cache adds),
    /// or null when the request is not cacheable. The default is not cacheable. The key depends only on the request's
    /// protocol and body and this model instance's own settings (never on headers or the time), so that a key made once
    /// stands for every byte-identical body: the edge remembers it (see <see cref="Inference.InferenceRequest.CacheKey"/>).
    /// </summary>
    string? GetCacheKey(InferenceRequest request) => null;
}
