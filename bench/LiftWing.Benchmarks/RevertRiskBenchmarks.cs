using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using LiftWing.Runtimes.Gbdt;
using LiftWing.Wiki.RevertRisk;
using LiftWing.Wiki.Revisions;

namespace LiftWing.Benchmarks;

/// <summary>
/// Revert risk per edit: edit-type diff + feature vector + GBDT probability, on realistic parent/current pairs built
/// from wtf_wikipedia articles (../shared/data/wikitext/wtf_wikipedia). Run:
/// <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*RevertRisk*'</c>
/// </summary>
[Config(typeof(PercentileConfig))]
public class RevertRiskBenchmarks
{
    private readonly MwEditTypeCounter _counter = new();
    private TreeEnsembleModel _model = null!;
    private RevisionData _paragraph100K = null!;
    private RevisionData _wordOn330K = null!;
    private RevisionData _rewrite190K = null!;
    private RevisionData _smallArticle = null!;
    private float[] _features = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = TreeEnsembleModel.Load(Path.Combine(RevertRiskBenchPaths.Root, "models", "revertrisk-language-agnostic", "model.json"));
        _paragraph100K = RevertRiskEdits.InsertParagraph(Article("al_Haytham.txt"));
        _wordOn330K = RevertRiskEdits.ChangeWord(Article("United-Kingdom.txt"));
        _rewrite190K = RevertRiskEdits.RewriteSecondHalf(Article("anarchism.txt"), Article("Chemical-biology.txt"));
        _smallArticle = RevertRiskEdits.InsertParagraph(Article("Bodmin.txt"));
        _features = RevisionFeatures.Compute(_paragraph100K, _counter, CancellationToken.None);
    }

    private static string Article(string name) => File.ReadAllText(Path.Combine(RevertRiskBenchPaths.Shared, "data", "wikitext", "wtf_wikipedia", name));

    private double Score(RevisionData edit) => _model.PredictProbability(RevisionFeatures.Compute(edit, _counter, CancellationToken.None));

    /// <summary>One new paragraph in a 108 kB article (the issue's ≤ 10 ms target).</summary>
    [Benchmark(Baseline = true)]
    public double OneParagraph_108kB() => Score(_paragraph100K);

    /// <summary>One word changed in the largest article (328 kB).</summary>
    [Benchmark]
    public double OneWord_328kB() => Score(_wordOn330K);

    /// <summary>The second half of a 190 kB article replaced by other text.</summary>
    [Benchmark]
    public double Rewrite_190kB() => Score(_rewrite190K);

    /// <summary>One new paragraph in a 34 kB article.</summary>
    [Benchmark]
    public double OneParagraph_34kB() => Score(_smallArticle);

    /// <summary>The GBDT alone (500 stumps).</summary>
    [Benchmark]
    public double PredictOnly() => _model.PredictProbability(_features);

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
    }
}
