namespace LiftWing.Models.HuggingFace;

/// <summary>One vector per text (embedding, class logits or per-token logits) with the input it came from.</summary>
public sealed record HuggingFaceOutput(HuggingFaceInput Input, IReadOnlyList<float[]> Vectors);
