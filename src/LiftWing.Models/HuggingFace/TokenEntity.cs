using System.Text.Json.Serialization;

namespace LiftWing.Models.HuggingFace;

/// <summary>
/// A token-classification result in the HF pipeline's shape: a grouped entity (<c>entity_group</c>) or, without
/// aggregation, one token (<c>entity</c>, <c>index</c>). <c>start</c>/<c>end</c> index the normalised text.
/// </summary>
public sealed record TokenEntity
{
    /// <summary>The entity type of a group (B-/I- prefix removed).</summary>
    [JsonPropertyName("entity_group"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EntityGroup { get; init; }

    /// <summary>The raw label of one token (no aggregation).</summary>
    [JsonPropertyName("entity"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Entity { get; init; }

    /// <summary>The probability (the mean over a group's tokens).</summary>
    [JsonPropertyName("score")]
    public float Score { get; init; }

    /// <summary>The token position (no aggregation).</summary>
    [JsonPropertyName("index"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    /// <summary>The covered text.</summary>
    [JsonPropertyName("word")]
    public required string Word { get; init; }

    /// <summary>First character.</summary>
    [JsonPropertyName("start")]
    public int Start { get; init; }

    /// <summary>One past the last character.</summary>
    [JsonPropertyName("end")]
    public int End { get; init; }
}
