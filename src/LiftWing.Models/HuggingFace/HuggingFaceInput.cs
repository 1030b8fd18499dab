namespace LiftWing.Models.HuggingFace;

/// <summary>The preprocessed request: the tokenized texts, and the OpenAI request when it came through that adapter.</summary>
public sealed record HuggingFaceInput(IReadOnlyList<EncodedText> Encoded, OpenAIEmbeddingRequest? OpenAI);
