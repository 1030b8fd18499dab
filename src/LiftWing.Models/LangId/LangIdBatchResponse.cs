using System.Text.Json.Serialization;

namespace LiftWing.Models.LangId;

/// <summary>The answer to <c>{"instances": [...]}</c>: one prediction per instance, in input order.</summary>
internal sealed class LangIdBatchResponse
{
    /// <summary>The predictions.</summary>
    [JsonPropertyName("predictions")]
    public required IReadOnlyList<LangIdPrediction> Predictions { get; init; }
}
