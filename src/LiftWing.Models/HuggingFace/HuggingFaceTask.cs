namespace LiftWing.Models.HuggingFace;

/// <summary>The encoder tasks this server runs (KServe huggingfaceserver's names, snake_case in model.yaml).</summary>
public enum HuggingFaceTask
{
    /// <summary>Sentence embeddings: pooled last hidden state (<c>text_embedding</c>).</summary>
    TextEmbedding,

    /// <summary>One label per text: softmax over <c>logits</c> (<c>sequence_classification</c>).</summary>
    SequenceClassification,

    /// <summary>One label per token, grouped into entities (<c>token_classification</c>).</summary>
    TokenClassification,
}
