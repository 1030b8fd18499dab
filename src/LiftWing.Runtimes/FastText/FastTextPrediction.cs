namespace LiftWing.Runtimes.FastText;

/// <summary>One predicted label: the label without its <c>__label__</c> prefix, and its probability.</summary>
/// <param name="Label">The label, e.g. <c>de</c> for <c>__label__de</c>.</param>
/// <param name="Probability">fastText's probability: <c>exp</c> of the summed log scores, as fastText reports it.</param>
public readonly record struct FastTextPrediction(string Label, float Probability);
