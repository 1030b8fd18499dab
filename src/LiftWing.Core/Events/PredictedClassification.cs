namespace LiftWing.Core.Events;

/// <summary>The <c>predicted_classification</c> of a <c>prediction_classification_change</c> event.</summary>
/// <param name="ModelName">The model name (<c>model_name</c>).</param>
/// <param name="ModelVersion">The model version (<c>model_version</c>).</param>
/// <param name="Predictions">The predicted labels as strings (Lift Wing writes a bool as <c>"true"</c>/<c>"false"</c>).</param>
/// <param name="Probabilities">Every label's probability, in output order.</param>
public sealed record PredictedClassification(
    string ModelName,
    string ModelVersion,
    IReadOnlyList<string> Predictions,
    IReadOnlyList<KeyValuePair<string, double>> Probabilities);
