using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// The closed-form model: per-wiki normalisation, the ordinal logit and the score transform
/// (see docs/articlequality.md). Pure and thread-safe.
/// </summary>
internal sealed class ArticleQualityScorer(ArticleQualityParameters parameters)
{
    /// <summary>The parameters in use.</summary>
    public ArticleQualityParameters Parameters { get; } = parameters ?? throw new ArgumentNullException(nameof(parameters));

    /// <summary>
    /// Lift Wing's <c>normalize_features</c>. With L = √characters: length L/max_length; refs, wikilinks and
    /// headings per L over their maxima; categories, media and sources over theirs; each capped at 1.
    /// </summary>
    /// <exception cref="ArgumentException">characters is 0 (L would be 0; Lift Wing rejects such pages too).</exception>
    public static double[] Normalize(ArticleFeatureSet f, FeatureMaxima m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (f.Characters <= 0)
        {
            throw new ArgumentException("an article without characters cannot be normalised.", nameof(f));
        }

        var l = Math.Sqrt(f.Characters);
        return
        [
            Cap(l / m.MaxLength),
            Cap(f.Refs / l / m.MaxRefs),
            Cap(f.Wikilinks / l / m.MaxLinks),
            Cap(f.Categories / m.MaxCategories),
            Cap(f.Media / m.MaxMedia),
            Cap(f.Headings / l / m.MaxHeadings),
            Cap(f.Sources / m.MaxSources),
            f.Infobox ? 1 : 0,
            f.Messagebox ? 1 : 0,
        ];
    }

    /// <summary>Normalises and scores one article.</summary>
    public ArticleQualityPrediction Predict(ArticleFeatureSet features, FeatureMaxima maxima)
    {
        var x = Normalize(features, maxima);
        var p = Parameters;
        var s = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            s += p.Coefficients[i] * x[i];
        }

        // P(y <= k) = logistic(t_k - s); class probabilities are the differences of consecutive cumulatives.
        var probabilities = new double[p.Labels.Count];
        var previous = 0.0;
        for (var k = 0; k < p.Thresholds.Count; k++)
        {
            var cumulative = 1 / (1 + Math.Exp(-(p.Thresholds[k] - s)));
            probabilities[k] = cumulative - previous;
            previous = cumulative;
        }

        probabilities[^1] = 1 - previous;
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        var score = 1 - (Math.Log(p.TopScore - s) / Math.Log(p.ScoreRange));
        return new ArticleQualityPrediction(features, x, s, probabilities, p.Labels[best], score);
    }

    private static double Cap(double v) => Math.Min(1, v);
}
