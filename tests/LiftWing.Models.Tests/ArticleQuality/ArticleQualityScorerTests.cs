using LiftWing.Models.ArticleQuality;
using LiftWing.Tests.Common;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Models.Tests.ArticleQuality;

/// <summary>
/// The published formula on the sample article (enwiki rev 1321555271). The expected values are worked out by
/// hand in docs/articlequality.md ("Worked example"); in short, with the enwiki maxima (floors not binding):
/// <code>
/// L = √5566 = 74.60562981437795
/// length     = L / 96.55568341635825            = 0.7726694812222563
/// refs       = min(1, 52/L / 0.507479189896123) = min(1, 1.3734…)  = 1
/// wikilinks  = 60/L / 1.180665870370572          = 0.681165494774202
/// categories = 7 / 15                            = 0.4666666666666667
/// media      = 0 / 5                             = 0
/// headings   = 9/L / 0.1553507724171805          = 0.7765286640425902
/// sources    = min(1, 19 / 5)                    = 1
/// infobox = 1, messagebox = 0
/// s = 6.279141·0.77267 + 1.162669·1 + 0.696006·0.68117 + 0.082483·0.46667 + 0.816600·0 + 0.231126·0.77653
///   + 0.236004·1 + 0.386889·1 − 0.947278·0 = 7.329325921019388
/// P(y≤k) = 1/(1+e^−(t_k−s)): 0.04354679, 0.42551790, 0.77476638, 0.90884536, 0.96958728
/// P = Stub 0.04354679, Start 0.38197111, C 0.34924848, B 0.13407897, GA 0.06074193, FA 0.03041272 → Start
/// score = 1 − ln(10.890916590223638 − s) / ln(11.838194515504279) = 0.48602303912826583
/// </code>
/// </summary>
public sealed class ArticleQualityScorerTests
{
    private static readonly ArticleQualityParameters s_parameters =
        ArticleQualityParameters.Load(Path.Combine(TestPaths.Models, "articlequality", "parameters.json"));

    private static readonly FeatureMaximaTable s_table = FeatureMaximaTable.Load(
        TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv"), s_parameters.MaximaFloors);

    private static readonly ArticleFeatureSet s_sample = new(5566, 52, 60, 7, 0, 9, 19, Infobox: true, Messagebox: false);

    private static FeatureMaxima Maxima(string lang) => s_table.TryGet(lang, out var m) ? m : throw new KeyNotFoundException(lang);

    [Fact]
    public void Predict_SampleArticleOnEnwiki_MatchesTheHandComputation()
    {
        var p = new ArticleQualityScorer(s_parameters).Predict(s_sample, Maxima("en"));

        double[] normalized = [0.7726694812222563, 1, 0.681165494774202, 0.4666666666666667, 0, 0.7765286640425902, 1, 1, 0];
        for (var i = 0; i < normalized.Length; i++)
        {
            Assert.Equal(normalized[i], p.Normalized[i], 1e-12);
        }

        Assert.Equal(7.329325921019388, p.LinearPredictor, 1e-12);
        double[] probabilities = [0.04354678818960841, 0.38197111009238754, 0.3492484843138599, 0.13407897369415722, 0.06074192649701404, 0.030412717212972895];
        for (var i = 0; i < probabilities.Length; i++)
        {
            Assert.Equal(probabilities[i], p.Probabilities[i], 1e-12);
        }

        Assert.Equal("Start", p.Label);
        Assert.Equal(0.48602303912826583, p.Score, 1e-12);
    }

    [Fact]
    public void Predict_SameFeaturesOnAnotherWiki_UsesThatWikisMaxima()
    {
        // svwiki's max_length 41.41 is raised to the floor 45, so the same text counts as longer there.
        var en = new ArticleQualityScorer(s_parameters).Predict(s_sample, Maxima("en"));
        var sv = new ArticleQualityScorer(s_parameters).Predict(s_sample, Maxima("sv"));

        Assert.Equal(1, sv.Normalized[0]); // 74.6 / 45 > 1
        Assert.True(sv.Score > en.Score);
    }

    [Fact]
    public void Predict_BestAndWorstCases_ScoreOneAndZero()
    {
        var scorer = new ArticleQualityScorer(s_parameters);
        var best = scorer.Predict(new ArticleFeatureSet(1_000_000, 100_000, 100_000, 100, 100, 10_000, 100, true, false), Maxima("en"));
        var worst = scorer.Predict(new ArticleFeatureSet(1, 0, 0, 0, 0, 0, 0, false, true), Maxima("en"));

        Assert.Equal("FA", best.Label);
        Assert.Equal(1.0, best.Score, 1e-5); // 1 − ln(top − Σpos)/ln(range) with top − Σpos = 1 up to the pickle's precision
        Assert.Equal("Stub", worst.Label);
        Assert.True(worst.Score is > 0 and < 0.01, $"worst score {worst.Score}");
        Assert.Equal(1.0, best.Probabilities.Sum(), 1e-12);
        Assert.Equal(1.0, worst.Probabilities.Sum(), 1e-12);
    }

    [Fact]
    public void Normalize_NoCharacters_Throws()
    {
        Assert.Throws<ArgumentException>(() => ArticleQualityScorer.Normalize(new ArticleFeatureSet(), Maxima("en")));
    }
}
