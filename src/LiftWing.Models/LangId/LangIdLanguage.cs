namespace LiftWing.Models.LangId;

/// <summary>
/// One row of the label table: the model's label and what is answered for it — Lift Wing's label
/// (<c>deu_Latn</c>, or the model's own label where Lift Wing has no counterpart), the Wikipedia code
/// (empty where Lift Wing's table has none) and the English name.
/// </summary>
internal sealed record LangIdLanguage(string Label, string Language, string WikiCode, string Name);
