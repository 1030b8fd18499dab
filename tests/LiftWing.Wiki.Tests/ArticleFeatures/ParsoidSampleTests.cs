using LiftWing.Tests.Common;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Wiki.Tests.ArticleFeatures;

/// <summary>
/// The real Parsoid HTML of enwiki rev 1321555271 ("Anees (musician)", 100 kB). The expected counts were
/// checked against the file by hand (grep counts in docs/articlequality.md): 52 citation sups; 71 wikilinks of
/// which 11 are template output; 17 category links of which 10 are template output; one 10×10 px icon and no
/// other media; 4 h2 + 5 h3; 19 reference-list items; an infobox directly in the lead section; no message box.
/// </summary>
public sealed class ParsoidSampleTests
{
    private static readonly string s_html = File.ReadAllText(
        TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html"));

    [Fact]
    public void Extract_SampleArticle_GivesTheHandCheckedCounts()
    {
        var f = ParsoidFeatureExtractor.Extract(s_html);

        Assert.Equal(new ArticleFeatureSet(
            Characters: 5566, Refs: 52, Wikilinks: 60, Categories: 7, Media: 0, Headings: 9, Sources: 19,
            Infobox: true, Messagebox: false), f);
    }

    [Fact]
    public void Plaintext_SampleArticle_IsTheArticlesOwnParagraphs()
    {
        var text = ParsoidFeatureExtractor.Plaintext(s_html);

        Assert.Equal(5566, text.Length); // no astral characters in this article, so UTF-16 length = code points
        Assert.StartsWith("Anees Mokhiber (Arabic: أنيس مخيبر, born July 30, 1992), known mononymously as Anees", text);
        // Short description, hatnote and infobox text are template output or outside paragraphs.
        Assert.DoesNotContain("American singer, rapper & songwriter (born 1992)", text);
        Assert.DoesNotContain("This article is about the musician", text);
        // Citation markers and headings are excluded elements.
        Assert.DoesNotContain("[1]", text);
        Assert.DoesNotContain("Life and career", text);
        Assert.DoesNotContain("\n\n", text);
    }

    [Fact]
    public void Extract_SameHtmlTwice_IsDeterministic()
    {
        Assert.Equal(ParsoidFeatureExtractor.Extract(s_html), ParsoidFeatureExtractor.Extract(s_html));
    }
}
