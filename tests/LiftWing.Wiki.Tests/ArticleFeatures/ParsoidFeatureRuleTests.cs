using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Wiki.Tests.ArticleFeatures;

/// <summary>One small Parsoid-shaped document per counting rule of Lift Wing's <c>get_article_features</c>.</summary>
public sealed class ParsoidFeatureRuleTests
{
    private static string Doc(string body) =>
        $"<!DOCTYPE html><html><head><base href=\"//en.wikipedia.org/wiki/\"/><title>T</title></head><body>{body}</body></html>";

    private static ArticleFeatureSet Features(string body) => ParsoidFeatureExtractor.Extract(Doc(body));

    [Fact]
    public void Refs_CountEveryCitationSup_IncludingTemplateOutput()
    {
        var f = Features("""
            <section data-mw-section-id="0"><p>A<sup typeof="mw:Extension/ref" class="mw-ref reference">[1]</sup>
            B<sup about="#mwt3" typeof="mw:Extension/ref mw:Transclusion">[2]</sup> C<sup>2</sup></p></section>
            """);

        Assert.Equal(2, f.Refs);
    }

    [Fact]
    public void Wikilinks_SkipTemplateOutputRedLinksAndExternalLinks()
    {
        var f = Features("""
            <section data-mw-section-id="0"><p>
            <a rel="mw:WikiLink" href="./Paris">Paris</a>
            <a rel="mw:WikiLink/Interwiki" href="https://fr.wikipedia.org/wiki/Lyon">Lyon</a>
            <a rel="mw:WikiLink" href="./Nowhere?action=edit&amp;redlink=1" class="new">Nowhere</a>
            <a rel="mw:ExtLink nofollow" href="https://example.org">x</a>
            <span about="#mwt1" typeof="mw:Transclusion"><a rel="mw:WikiLink" href="./Rome">Rome</a></span>
            </p></section>
            """);

        Assert.Equal(2, f.Wikilinks);
    }

    [Fact]
    public void Categories_SkipTemplateOutput()
    {
        var f = Features("""
            <section data-mw-section-id="0"><p>text</p>
            <link rel="mw:PageProp/Category" href="./Category:A"/>
            <link rel="mw:PageProp/Category" href="./Category:B#sort"/>
            <link rel="mw:PageProp/Category" href="./Category:C" about="#mwt7"/>
            <link rel="mw:PageProp/Categoryx" href="./Category:D"/>
            </section>
            """);

        Assert.Equal(2, f.Categories);
    }

    [Fact]
    public void Media_CountsImagesAboveIconSizePlusVideoAndAudio()
    {
        var f = Features("""
            <section data-mw-section-id="0"><p>text</p>
            <figure typeof="mw:File/Thumb"><a href="./File:A.jpg"><img src="a.jpg" height="150" width="220"/></a><figcaption>A</figcaption></figure>
            <span typeof="mw:File"><img src="icon.png" height="100" width="100"/></span>
            <span typeof="mw:File"><img src="noheight.png" width="500"/></span>
            <figure typeof="mw:File/Frameless"><video poster="v.jpg" height="10" width="10"></video></figure>
            <span typeof="mw:File"><audio controls=""></audio></span>
            <img src="bare.jpg" height="500" width="500"/>
            </section>
            """);

        Assert.Equal(3, f.Media); // the 220x150 image, the video, the audio; icons (100x100 = 10,000 px² is not above) and unsized images don't count
    }

    [Fact]
    public void Headings_CountLevelsTwoAndThreeOnly()
    {
        var f = Features("""
            <section data-mw-section-id="0"><h1>Title</h1><p>text</p></section>
            <section data-mw-section-id="1"><div class="mw-heading mw-heading2"><h2 id="A">A</h2></div><p>a</p>
            <section data-mw-section-id="2"><h3 id="B">B</h3><p>b</p><h4 id="C">C</h4><h5 id="D">D</h5></section></section>
            """);

        Assert.Equal(2, f.Headings);
    }

    [Fact]
    public void Sources_CountReferenceListItems()
    {
        var f = Features("""
            <section data-mw-section-id="0"><p>text</p>
            <div typeof="mw:Extension/references"><ol class="mw-references references">
            <li about="#cite_note-a-1" id="cite_note-a-1">one</li><li id="cite_note-2">two</li><li id="other-3">no</li>
            </ol></div></section>
            """);

        Assert.Equal(2, f.Sources);
    }

    [Theory]
    [InlineData("<section><table class=\"infobox vcard\"><tr><td>x</td></tr></table><p>t</p></section>", true)]
    [InlineData("<section><table class=\"infobox_v2\"><tr><td>x</td></tr></table><p>t</p></section>", true)]
    [InlineData("<section><div><table class=\"infobox\"><tr><td>x</td></tr></table></div><p>t</p></section>", false)]
    [InlineData("<section><p>t</p></section><section><table class=\"infobox\"><tr><td>x</td></tr></table></section>", false)]
    [InlineData("<section><div class=\"infobox\">x</div><p>t</p></section>", false)]
    public void Infobox_OnlyATableDirectlyInTheFirstSection(string body, bool expected)
    {
        Assert.Equal(expected, Features(body).Infobox);
    }

    [Theory]
    [InlineData("<section><table class=\"box-Unreferenced plainlinks metadata ambox ambox-content\"><tr><td>x</td></tr></table><p>t</p></section>", true)]
    [InlineData("<section><p>t</p></section><section><div><table class=\"ombox\"><tr><td>x</td></tr></table></div></section>", true)]
    [InlineData("<section><div class=\"ambox\">x</div><p>t</p></section>", false)]
    [InlineData("<section><p>t</p></section>", false)]
    public void Messagebox_AnyTableWhoseClassesContainMbox(string body, bool expected)
    {
        Assert.Equal(expected, Features(body).Messagebox);
    }

    [Fact]
    public void Messagebox_ClassTokensAreJoinedWithoutSpaces_AsTheLibraryDoes()
    {
        // "".join(["nom", "box"]) == "nombox", which contains "mbox".
        Assert.True(Features("<section><table class=\"nom box\"><tr><td>x</td></tr></table><p>t</p></section>").Messagebox);
    }
}
