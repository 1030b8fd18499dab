namespace LiftWing.Models.LangId;

/// <summary>One row of the label table: the Wikipedia code (empty when there is no such Wikipedia) and the English name.</summary>
public sealed record LangIdLanguage(string Label, string WikiCode, string Name);
