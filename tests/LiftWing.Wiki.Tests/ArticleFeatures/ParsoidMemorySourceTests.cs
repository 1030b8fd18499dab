using LiftWing.Tests.Common;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Wiki.Tests.ArticleFeatures;

/// <summary>
/// The features parsed from characters in a (pooled) buffer are the features parsed from the same string: over the
/// real Parsoid page, many cuts of it (unclosed elements, tags and comments cut in half), its lines ending in CR LF or
/// CR, and small pages with the characters HTML5 input preprocessing rewrites. The buffer is longer than the page and
/// its tail is markup, so a parse that read past the slice would count more.
/// </summary>
public sealed class ParsoidMemorySourceTests
{
    private static readonly string s_page = File.ReadAllText(
        TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html"));

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>
        {
            "whole page",
            "CR LF",
            "CR",
            "<p>a\r\nb\rc\0d\uFEFFe</p>",
            "\uFEFF<section><p>x</p>\r\n<p>y &amp; &lt;z&gt; &nbsp; &#x1F600; &bogus;</p></section>",
            "<section><p>one</p><!-- c --><p>two<b>three</p></b><table><tr><td><p>cell</td></table><p>last",
            "<p>unclosed <a href=\"./X\" rel=\"mw:WikiLink\">link",
            "",
        };
        for (var i = 0; i < 40; i++)
        {
            data.Add("cut " + i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Extract_FromABufferSlice_EqualsExtract_FromTheString(string name)
    {
        var html = Page(name);
        var buffer = new char[html.Length + 4096];
        html.CopyTo(buffer);
        // Markup past the slice: a wikilink, a citation, a heading and a paragraph.
        const string tail = "<h2>t</h2><p>tail <a rel=\"mw:WikiLink\" href=\"./T\">T</a><sup typeof=\"mw:Extension/ref\" class=\"mw-ref reference\">1</sup></p>";
        tail.CopyTo(buffer.AsSpan(html.Length));

        var fromString = ParsoidFeatureExtractor.Extract(html);
        var fromMemory = ParsoidFeatureExtractor.Extract(buffer.AsMemory(0, html.Length));

        Assert.Equal(fromString, fromMemory);
        Assert.Equal(HtmlShapeScanner.Measure(html, 200_000, 1_000), HtmlShapeScanner.Measure(buffer.AsSpan(0, html.Length), 200_000, 1_000));
    }

    [Fact]
    public void Extract_WholePage_FromMemory_GivesTheHandCheckedCounts() =>
        Assert.Equal(
            new ArticleFeatureSet(Characters: 5566, Refs: 52, Wikilinks: 60, Categories: 7, Media: 0, Headings: 9, Sources: 19, Infobox: true, Messagebox: false),
            ParsoidFeatureExtractor.Extract(s_page.AsMemory()));

    private static string Page(string name)
    {
        if (name.StartsWith("cut ", StringComparison.Ordinal))
        {
            // Deterministic cut points spread over the page (the first ones land in the head, the rest in the body).
            var i = int.Parse(name[4..], System.Globalization.CultureInfo.InvariantCulture);
            var at = (int)((long)s_page.Length * (i * 7919 % 40 + 1) / 41);
            return s_page[..at];
        }

        return name switch
        {
            "whole page" => s_page,
            "CR LF" => s_page.Replace("\n", "\r\n", StringComparison.Ordinal),
            "CR" => s_page.Replace("\n", "\r", StringComparison.Ordinal),
            _ => name,
        };
    }
}
