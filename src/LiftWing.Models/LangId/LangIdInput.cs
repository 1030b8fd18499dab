namespace LiftWing.Models.LangId;

/// <summary>Preprocessed request: the normalised texts, whether it was the batch form, and k (null: Lift Wing's top-1 shape).</summary>
public sealed record LangIdInput(IReadOnlyList<string> Texts, bool IsBatch, int? K);
