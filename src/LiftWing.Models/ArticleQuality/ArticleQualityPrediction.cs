using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Models.ArticleQuality;

/// <summary>The model's answer for one article.</summary>
/// <param name="Raw">The raw features.</param>
/// <param name="Normalized">The normalised features in model order (infobox and messagebox as 0/1).</param>
/// <param name="LinearPredictor">Σ coefficient × normalised feature.</param>
/// <param name="Probabilities">One probability per label, worst class first.</param>
/// <param name="Label">The most probable label (the first on a tie, as numpy's argmax).</param>
/// <param name="Score">The 0–1 quality score: 1 − log(top − s) / log(range).</param>
internal sealed record ArticleQualityPrediction(
    ArticleFeatureSet Raw,
    IReadOnlyList<double> Normalized,
    double LinearPredictor,
    IReadOnlyList<double> Probabilities,
    string Label,
    double Score);
