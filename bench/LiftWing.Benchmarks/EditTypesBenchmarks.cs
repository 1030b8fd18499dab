using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using LiftWing.Tests.Common;
using LiftWing.Wiki.EditTypes;

namespace LiftWing.Benchmarks;

/// <summary>
/// Edit-type features (<see cref="EditTypeDiffer"/>) on real wtf_wikipedia articles: small edits to large
/// pages, a large rewrite and a page creation. One call per iteration, so Median/P95/P99 are per-diff latencies.
/// Usage: dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*EditTypes*'
/// </summary>
[Config(typeof(Config))]
public class EditTypesBenchmarks
{
    private string _toronto = string.Empty;
    private string _torontoEdited = string.Empty;
    private string _uk = string.Empty;
    private string _ukEdited = string.Empty;
    private string _anarchism = string.Empty;
    private string _anarchismRewritten = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _toronto = Article("toronto.txt");
        _torontoEdited = EditOneParagraph(_toronto);
        _uk = Article("United-Kingdom.txt");
        _ukEdited = EditOneParagraph(_uk);
        _anarchism = Article("anarchism.txt");
        _anarchismRewritten = Rewrite(_anarchism);
    }

    /// <summary>One sentence added to one paragraph of a 114 kB article (the 100 kB target case).</summary>
    [Benchmark(Baseline = true)]
    public EditTypeCounts OneParagraphEdit_114kB() => EditTypeDiffer.Diff(_toronto, _torontoEdited);

    /// <summary>The same edit to the largest article, 328 kB.</summary>
    [Benchmark]
    public EditTypeCounts OneParagraphEdit_328kB() => EditTypeDiffer.Diff(_uk, _ukEdited);

    /// <summary>Every other paragraph reworded and every third section deleted, 190 kB.</summary>
    [Benchmark]
    public EditTypeCounts LargeRewrite_190kB() => EditTypeDiffer.Diff(_anarchism, _anarchismRewritten);

    /// <summary>Creating a 114 kB page (everything is an insert).</summary>
    [Benchmark]
    public EditTypeCounts PageCreation_114kB() => EditTypeDiffer.Diff(string.Empty, _toronto);

    /// <summary>Parsing alone, 114 kB.</summary>
    [Benchmark]
    public WikiCode Parse_114kB() => WikitextParser.Parse(_toronto);

    private static string Article(string name) =>
        File.ReadAllText(TestPaths.SharedData("wikitext", "wtf_wikipedia", name));

    private static string EditOneParagraph(string text)
    {
        var paragraphEnd = text.IndexOf("\n\n", text.Length / 2, StringComparison.Ordinal);
        return text.Insert(paragraphEnd, " An editor added this sentence.");
    }

    private static string Rewrite(string text)
    {
        var sections = text.Split("\n==", StringSplitOptions.None);
        var sb = new StringBuilder();
        for (var s = 0; s < sections.Length; s++)
        {
            if (s % 3 == 2)
            {
                continue;
            }

            var paragraphs = sections[s].Split("\n\n");
            for (var p = 0; p < paragraphs.Length; p++)
            {
                var paragraph = p % 2 == 1 ? string.Join(' ', paragraphs[p].Split(' ').Reverse()) : paragraphs[p];
                sb.Append(paragraph);
                if (p < paragraphs.Length - 1)
                {
                    sb.Append("\n\n");
                }
            }

            if (s < sections.Length - 1)
            {
                sb.Append("\n==");
            }
        }

        return sb.ToString();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(5).WithIterationCount(200).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
        }
    }
}
