namespace LiftWing.Core.Models;

/// <summary>
/// A model that answers OpenAI-compatible requests (<see cref="Inference.InferenceProtocol.OpenAI"/>): the
/// adapter lists it in <c>GET /openai/v1/models</c> and routes <c>POST /openai/v1/embeddings</c> to it by the
/// request's <c>model</c> field, passing the body unchanged.
/// </summary>
public interface IOpenAIModel
{
    /// <summary>Whether the model answers <c>/openai/v1/embeddings</c>.</summary>
    bool SupportsEmbeddings { get; }
}
