using AngleSharp.Html.Parser;
using LiftWing.Tests.Common;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Wiki.Tests.ArticleFeatures;

/// <summary>
/// The features parsed from characters in a (pooled) buffer are the features of the same string, and of the same
/// string parsed by a parser of the extractor's settings built here: over the real Parsoid page, many cuts of it (unclosed elements, tags and comments cut in half),
/// its lines ending in CR LF or CR, small pages with the characters HTML5 input preprocessing rewrites, and the tree
/// construction cases that read attributes (misnested formatting elements with attributes, hidden inputs in tables,
/// font and annotation-xml in foreign content). The buffer is longer than the page and its tail is markup, so a parse
/// that read past the slice would count more.
/// </summary>
public sealed class ParsoidMemorySourceTests
{
    // A parser of the extractor's settings, outside it.
    private static readonly HtmlParser s_everyAttribute = new(new HtmlParserOptions { IsKeepingSourceReferences = false, DisableElementPositionTracking = true });

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
            // Formatting elements: three identical ones (Noah's Ark keeps three), then reopened inside new paragraphs.
            "<section><p><b title=\"1\" data-mw=\"x\"><b title=\"1\" data-mw=\"x\"><b title=\"1\" data-mw=\"y\"><b title=\"1\" data-mw=\"x\">bold"
                + "<p>next <i lang=\"en\" data-x=\"1\"><a href=\"./A\" rel=\"mw:WikiLink\" title=\"A\">A</i> still</a></p><p>third</p></section>",
            "<section><p>x</p><table><tr><td>a</td></tr><input type=\"hidden\" title=\"h\"><input type=\"text\" title=\"t\"><p>moved</p></table><p>y</p></section>",
            "<section><p>a<svg><font color=\"red\" title=\"x\">out</font></svg> b</p><p><math><annotation-xml encoding=\"text/html\" title=\"t\"><p>in</p></annotation-xml></math></p></section>",
            "<meta charset=\"utf-8\" title=\"m\"><section data-mw-section-id=\"0\" id=\"s\"><p about=\"#mwt1\" typeof=\"mw:Transclusion\" data-mw=\"{&quot;a&quot;:1}\">t</p><p>own <span typeof=\"mw:Extension/math\" data-mw=\"x\">m</span></p></section>",
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

        using var everyAttribute = s_everyAttribute.ParseDocument(html);
        var expected = ParsoidFeatureExtractor.Extract(everyAttribute);
        var fromString = ParsoidFeatureExtractor.Extract(html);
        var fromMemory = ParsoidFeatureExtractor.Extract(buffer.AsMemory(0, html.Length));

        Assert.Equal(expected, fromString);
        Assert.Equal(expected, fromMemory);
        Assert.Equal(Plaintext(everyAttribute), ParsoidFeatureExtractor.Plaintext(html));
        Assert.Equal(HtmlShapeScanner.Measure(html, 200_000, 1_000), HtmlShapeScanner.Measure(buffer.AsSpan(0, html.Length), 200_000, 1_000));
    }

    [Fact]
    public void Extract_WholePage_FromMemory_GivesTheHandCheckedCounts() =>
        Assert.Equal(
            new ArticleFeatureSet(Characters: 5566, Refs: 52, Wikilinks: 60, Categories: 7, Media: 0, Headings: 9, Sources: 19, Infobox: true, Messagebox: false),
            ParsoidFeatureExtractor.Extract(s_page.AsMemory()));

    private static string Plaintext(AngleSharp.Dom.IDocument document) =>
        document.Body is { } body ? PythonText.JoinStripped(ParsoidPlaintext.Paragraphs(body)) : "";

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
