using System.Text;
using LiftWing.Tests.Common;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Wiki.Tests.ArticleFeatures;

public sealed class HtmlShapeScannerTests
{
    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    [Fact]
    public void Measure_RealParsoidPage_IsWithinLimitsAndExact()
    {
        var html = File.ReadAllText(TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html"));
        var shape = HtmlShapeScanner.Measure(html, 100_000, 256);
        Assert.False(shape.Stopped);
        Assert.InRange(shape.Elements, 500, 5000);
        Assert.InRange(shape.Depth, 5, 64);
    }

    [Fact]
    public void Measure_ManySiblingParagraphs_StopsOnTheElementCount_NotTheDepth()
    {
        // Unclosed <p>s are siblings, as the HTML5 parser makes them.
        var shape = HtmlShapeScanner.Measure("<section>" + Repeat("<p>a", 200_000) + "</section>", 100_000, 256);
        Assert.True(shape.Stopped);
        Assert.Equal(100_001, shape.Elements);
        Assert.True(shape.Depth <= 3, $"depth {shape.Depth}");
    }

    [Fact]
    public void Measure_DeeplyNestedDivs_StopsOnTheDepth()
    {
        var shape = HtmlShapeScanner.Measure(Repeat("<div>", 100_000) + "x" + Repeat("</div>", 100_000), 1_000_000, 256);
        Assert.True(shape.Stopped);
        Assert.Equal(257, shape.Depth);
    }

    [Theory]
    [InlineData("<div><br><img src=x><hr/><span/></div>", 5, 1)]
    [InlineData("<!-- <div><div><div> --><p>x</p>", 1, 1)]
    [InlineData("<script>if (a<b) { '<div><div>' }</script><i>x</i>", 2, 1)]
    [InlineData("<a title=\"x>y\"><b>z</b></a>", 2, 2)]
    [InlineData("<ul><li>a<li>b<li>c</ul>", 4, 2)]
    [InlineData("a < b and c<", 0, 0)]
    public void Measure_FollowsTheTagsAsWritten(string html, int elements, int depth)
    {
        var shape = HtmlShapeScanner.Measure(html, 1000, 1000);
        Assert.Equal((elements, depth, false), (shape.Elements, shape.Depth, shape.Stopped));
    }

    [Fact]
    public void Extract_StopsWhenCancelled()
    {
        var html = "<html><body><section>" + Repeat("<p>a</p>", 5000) + "</section></body></html>";
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ParsoidFeatureExtractor.Extract(html, cts.Token));
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.ThrowsAny<OperationCanceledException>(() => ParsoidFeatureExtractor.Extract(document, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => ParsoidPlaintext.Paragraphs(document.Body!, cts.Token));
    }

    [Fact]
    public void Extract_ManySiblings_CountsEveryParagraph()
    {
        // The index-based walks visit each sibling once; the character count proves every paragraph was seen.
        var html = "<html><body><section>" + Repeat("<p>ab</p>\n", 20_000) + "</section></body></html>";
        var features = ParsoidFeatureExtractor.Extract(html);
        Assert.Equal((20_000 * 2) + 19_999, features.Characters);
    }
}
