using System.Text.Json.Serialization;

namespace LiftWing.Core.Models;

/// <summary>
/// One row of a <see cref="ThresholdTable"/>: the confusion counts when every held-out score at or above
/// <see cref="Threshold"/> is predicted positive.
/// </summary>
/// <param name="Threshold">The decision threshold (a held-out score).</param>
/// <param name="TruePositives">Positives scored at or above the threshold.</param>
/// <param name="FalsePositives">Negatives scored at or above the threshold.</param>
/// <param name="TrueNegatives">Negatives scored below the threshold.</param>
/// <param name="FalseNegatives">Positives scored below the threshold.</param>
public sealed record ThresholdRow(
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("tp")] int TruePositives,
    [property: JsonPropertyName("fp")] int FalsePositives,
    [property: JsonPropertyName("tn")] int TrueNegatives,
    [property: JsonPropertyName("fn")] int FalseNegatives);
