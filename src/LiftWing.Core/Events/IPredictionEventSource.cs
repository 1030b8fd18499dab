using System.Diagnostics.CodeAnalysis;
using LiftWing.Core.Inference;

namespace LiftWing.Core.Events;

/// <summary>
/// Implemented by models with a classification output that Lift Wing sends to EventGate: for a request with an
/// <c>event</c> (a <c>mediawiki.page_change.v1</c> message), the model reads its classification back from its own
/// 200 answer (so a cached answer emits the same event), and the events pipeline builds the rest.
/// </summary>
public interface IPredictionEventSource
{
    /// <summary>The stream Lift Wing sends this model's events to (configurable per model).</summary>
    string DefaultEventStream { get; }

    /// <summary>Lift Wing's changeprop match rule for this model (which page_change events it is asked to score).</summary>
    PageChangeMatch DefaultMatch { get; }

    /// <summary>Reads the classification from a 200 response; false when the answer holds none (e.g. a batch).</summary>
    bool TryGetClassification(InferenceRequest request, ReadOnlySpan<byte> responseJson, [NotNullWhen(true)] out PredictedClassification? classification);
}
