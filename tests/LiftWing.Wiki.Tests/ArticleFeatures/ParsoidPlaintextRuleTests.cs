using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Wiki.Tests.ArticleFeatures;

/// <summary>The paragraph rules behind <c>characters</c>, one small document each.</summary>
public sealed class ParsoidPlaintextRuleTests
{
    private static string Text(string body) =>
        ParsoidFeatureExtractor.Plaintext($"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>");

    private static int Characters(string body) =>
        ParsoidFeatureExtractor.Extract($"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>").Characters;

    [Fact]
    public void Plaintext_KeepsOnlyParagraphsOfEachSection_JoinedWithNewlines()
    {
        var text = Text("""
            <section data-mw-section-id="0"><div>before the first paragraph</div>
            <p>First  paragraph.</p>
            <ul><li>a list between paragraphs</li></ul>
            <p> Second paragraph. </p>
            <div>after the last paragraph</div></section>
            <section data-mw-section-id="1"><h2>Heading</h2>
            <p>Third.</p></section>
            """);

        Assert.Equal("First  paragraph.\nSecond paragraph.\nThird.", text);
        Assert.Equal(text.Length, Characters("""
            <section data-mw-section-id="0"><div>before the first paragraph</div>
            <p>First  paragraph.</p>
            <ul><li>a list between paragraphs</li></ul>
            <p> Second paragraph. </p>
            <div>after the last paragraph</div></section>
            <section data-mw-section-id="1"><h2>Heading</h2>
            <p>Third.</p></section>
            """));
    }

    [Fact]
    public void Plaintext_NestedSectionsAreWalkedOnce()
    {
        var text = Text("""
            <section data-mw-section-id="1"><h2>A</h2>
            <p>Outer.</p>
            <section data-mw-section-id="2"><h3>B</h3>
            <p>Inner.</p></section></section>
            """);

        Assert.Equal("Outer.\nInner.", text);
    }

    [Fact]
    public void Plaintext_DropsExcludedElementsInsideParagraphs()
    {
        var text = Text("""
            <section><p>Fact<sup typeof="mw:Extension/ref">[1]</sup> one<sup>[citation needed]</sup>,
            <span typeof="mw:Extension/math">x^2</span>two <span typeof="mw:File"><img src="a.png" width="5" height="5"/>caption</span>three
            <a rel="mw:WikiLink" href="./Link">link</a> <b>bold</b> <i>it</i>.</p></section>
            """);

        Assert.Equal("Fact one,\ntwo three\nlink bold it.", text);
    }

    [Fact]
    public void Plaintext_DropsParagraphsThatAreEntirelyTemplateOutput()
    {
        var text = Text("""
            <section><p about="#mwt1" typeof="mw:Transclusion">From a template.</p>
            <p>Own text <span about="#mwt2" typeof="mw:Transclusion">with a template inside</span>.</p>
            <p><span about="#mwt3" typeof="mw:Transclusion">only template</span> </p></section>
            """);

        Assert.Equal("Own text with a template inside.", text);
    }

    [Fact]
    public void Plaintext_IgnoresStyleScriptAndCommentText()
    {
        var text = Text("""<section><p>A<style>.x{color:red}</style>B<!-- hidden -->C<script>var s;</script></p></section>""");

        Assert.Equal("ABC", text);
    }

    [Fact]
    public void Plaintext_WithoutSections_KeepsTheBodyTextAsOneParagraph()
    {
        Assert.Equal("Just a draft with a list item.", Text("<p>Just a draft </p><ul><li>with a list item.</li></ul>"));
    }

    [Fact]
    public void Characters_CountsCodePointsAndStripsUnicodeWhitespace()
    {
        // U+1F600 is one code point (two UTF-16 units); NBSP at the edges is stripped as Python's strip() does.
        Assert.Equal("a😀b", Text("<section><p>\u00A0a😀b\u00A0 </p></section>"));
        Assert.Equal(3, Characters("<section><p>\u00A0a😀b\u00A0 </p></section>"));
    }

    [Fact]
    public void Characters_EmptyArticle_IsZero()
    {
        Assert.Equal(0, Characters("<section><div>only a box</div></section>"));
        Assert.Equal(0, Characters(""));
    }
}
