using System.Text.Json.Serialization;

namespace LiftWing.Models.LangId;

/// <summary>One answer, in Lift Wing's shape (<c>lw:docs/langid.yaml</c>), plus the top k when a request asks for them.</summary>
internal sealed class LangIdPrediction
{
    /// <summary>Lift Wing's label (OpenLID, such as <c>deu_Latn</c>); the model's own label where Lift Wing has none.</summary>
    [JsonPropertyName("language")]
    public required string Language { get; init; }

    /// <summary>The Wikipedia language code; empty when there is no such Wikipedia.</summary>
    [JsonPropertyName("wikicode")]
    public required string WikiCode { get; init; }

    /// <summary>The English language name.</summary>
    [JsonPropertyName("languagename")]
    public required string LanguageName { get; init; }

    /// <summary>fastText's probability.</summary>
    [JsonPropertyName("score")]
    public required double Score { get; init; }

    /// <summary>The k best, best first, when the request gave <c>k</c>.</summary>
    [JsonPropertyName("top_k")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LangIdPrediction>? TopK { get; init; }
}
