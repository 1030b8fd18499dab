using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using LiftWing.Models.ArticleQuality;
using LiftWing.Server.Http;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Benchmarks;

/// <summary>
/// articlequality on the real 100 kB Parsoid HTML of enwiki rev 1321555271 (shared data beside the clone):
/// the feature extraction (HTML5 parse + counting), the closed-form score, and both together; and the stages of one
/// request (issue 21): the JSON body to the html string, the shape pre-scan, the HTML5 parse alone and the walks alone;
/// and round 5's edge: the body's string check as a second reader pass and as a walk over the parsed document, the html
/// decoded into a pooled buffer instead of a string, and the features parsed from that buffer.
/// Run: dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*ArticleQuality*'
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ArticleQualityBenchmarks
{
    private string _html = "";
    private ArticleQualityScorer _scorer = null!;
    private FeatureMaxima _enwiki = null!;
    private ArticleFeatureSet _features;
    private byte[] _body = [];
    private IDocument _document = null!;
    private JsonDocument _bodyDocument = null!;
    private static readonly HtmlParser s_parser = new(new HtmlParserOptions { IsKeepingSourceReferences = false });
    private static readonly HtmlParser s_untrackedParser = new(new HtmlParserOptions { IsKeepingSourceReferences = false, DisableElementPositionTracking = true });

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRepoRoot();
        _html = File.ReadAllText(Path.Combine(root, "..", "shared", "data", "liftwing", "parsoid", "enwiki_70793851_rev1321555271.html"));
        var parameters = ArticleQualityParameters.Load(Path.Combine(root, "models", "articlequality", "parameters.json"));
        var table = FeatureMaximaTable.Load(Path.Combine(root, "models", "articlequality", "feature_values.tsv"), parameters.MaximaFloors);
        _enwiki = table.TryGet("en", out var m) ? m : throw new InvalidOperationException("enwiki maxima missing");
        _scorer = new ArticleQualityScorer(parameters);
        _features = ParsoidFeatureExtractor.Extract(_html);
        _body = JsonSerializer.SerializeToUtf8Bytes(new { lang = "en", html = _html });
        _document = s_parser.ParseDocument(_html);
        _bodyDocument = JsonDocument.Parse(_body);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _document.Dispose();
        _bodyDocument.Dispose();
    }

    /// <summary>What the server and the request parser do before any HTML work: parse the body, take the string, count its UTF-8 bytes.</summary>
    [Benchmark]
    public int BodyToHtml()
    {
        using var document = JsonDocument.Parse(_body);
        var html = document.RootElement.GetProperty("html").GetString()!;
        return Encoding.UTF8.GetByteCount(html);
    }

    /// <summary>Round 5: the body parsed, the html decoded into a pooled buffer (what the request parser does now).</summary>
    [Benchmark]
    public int BodyToPooledHtml()
    {
        using var document = JsonDocument.Parse(_body);
        using var html = ArticleQualityRequestParser.DecodeHtml(document.RootElement.GetProperty("html"))!;
        return html.Length;
    }

    /// <summary>The body's string check before round 5: a second reader pass, decoding every escaped string.</summary>
    [Benchmark]
    public int BodyCheckRound4()
    {
        Round4JsonTextValidator.Validate(_body, 64);
        return _body.Length;
    }

    /// <summary>Round 5's reader pass (V2 bodies, which have no document): escapes checked in place.</summary>
    [Benchmark]
    public int BodyCheckReaderPass()
    {
        JsonTextValidator.Validate(_body, 64);
        return _body.Length;
    }

    /// <summary>Round 5: the same check as a walk over the already parsed document, escapes checked in place.</summary>
    [Benchmark]
    public int BodyCheckDocumentWalk()
    {
        JsonTextValidator.Validate(_bodyDocument.RootElement);
        return _body.Length;
    }

    [Benchmark]
    public int ShapeScan() => HtmlShapeScanner.Measure(_html, 200_000, 1_000).Elements;

    [Benchmark]
    public int ParseOnly()
    {
        using var document = s_parser.ParseDocument(_html);
        return document.ChildNodes.Length;
    }

    /// <summary>The parse as the extractor runs it since issue 21 (no position tracking).</summary>
    [Benchmark]
    public int ParseOnlyUntracked()
    {
        using var document = s_untrackedParser.ParseDocument(_html);
        return document.ChildNodes.Length;
    }

    [Benchmark]
    public ArticleFeatureSet WalksOnly() => ParsoidFeatureExtractor.Extract(_document);

    [Benchmark]
    public ArticleFeatureSet Features() => ParsoidFeatureExtractor.Extract(_html);

    /// <summary>Round 5: the features parsed from characters in a buffer (a pooled one in the server).</summary>
    [Benchmark]
    public ArticleFeatureSet FeaturesFromMemory() => ParsoidFeatureExtractor.Extract(_html.AsMemory());

    [Benchmark]
    public double Score() => _scorer.Predict(_features, _enwiki).Score;

    [Benchmark(Baseline = true)]
    public double FeaturesAndScore() => _scorer.Predict(ParsoidFeatureExtractor.Extract(_html), _enwiki).Score;

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiftWing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LiftWing.sln not found above " + AppContext.BaseDirectory);
    }
}
