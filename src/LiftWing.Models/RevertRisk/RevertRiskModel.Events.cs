using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;

namespace LiftWing.Models.RevertRisk;

/// <summary>Events out: the classification Lift Wing sends for a revert-risk answer (reference-2 §3.3).</summary>
internal sealed partial class RevertRiskModel : IPredictionEventSource
{
    /// <inheritdoc />
    public string DefaultEventStream => "mediawiki.page_revert_risk_prediction_change.v1";

    /// <inheritdoc />
    public PageChangeMatch DefaultMatch => PageChangeMatch.RevertRiskLanguageAgnostic();

    /// <summary>
    /// <c>predictions</c> is <c>[str(prediction).lower()]</c> and <c>probabilities</c> is <c>{"true": p, "false": 1-p}</c>,
    /// read from the single-revision answer; a batch answer has none.
    /// </summary>
    public bool TryGetClassification(InferenceRequest request, ReadOnlySpan<byte> responseJson, [NotNullWhen(true)] out PredictedClassification? classification)
    {
        classification = null;
        var reader = new Utf8JsonReader(responseJson);
        if (!JsonDocument.TryParseValue(ref reader, out var doc))
        {
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("output", out var output)
                || !output.TryGetProperty("prediction", out var prediction) || prediction.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                || !output.TryGetProperty("probabilities", out var probabilities) || probabilities.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var probs = new List<KeyValuePair<string, double>>(2);
            foreach (var p in probabilities.EnumerateObject())
            {
                probs.Add(new(p.Name, p.Value.GetDouble()));
            }

            classification = new PredictedClassification(Name, Version, [prediction.GetBoolean() ? "true" : "false"], probs);
            return true;
        }
    }
}
