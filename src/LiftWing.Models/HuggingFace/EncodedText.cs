namespace LiftWing.Models.HuggingFace;

/// <summary>
/// One tokenized text: ids with <c>[CLS]</c> and <c>[SEP]</c>, each token's character range in
/// <see cref="NormalizedText"/> (empty for the special tokens), and whether it was truncated.
/// </summary>
public sealed record EncodedText(long[] Ids, Range[] Offsets, string NormalizedText, bool Truncated)
{
    /// <summary>Tokens including the special tokens (what the attention mask counts).</summary>
    public int Length => Ids.Length;
}
