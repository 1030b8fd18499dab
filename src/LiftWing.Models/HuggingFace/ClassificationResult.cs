using System.Text.Json.Serialization;

namespace LiftWing.Models.HuggingFace;

/// <summary>A sequence-classification prediction (the HF pipeline's shape): the top label, its probability, optionally all.</summary>
internal sealed record ClassificationResult(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("score")] float Score,
    [property: JsonPropertyName("probabilities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, float>? Probabilities);
