using LiftWing.Wiki.EditTypes;

namespace LiftWing.Wiki.Tests.EditTypes;

public sealed class EditTypeDifferTests
{
    private const string Page = "Lead text about a town.\n\n==History==\nThe town was founded in 1850. It grew quickly.\n\n==Geography==\nIt lies on a river.\n";

    private static string Summary(string before, string after, string lang = "en") =>
        EditTypeDiffer.Diff(before, after, new EditTypeOptions { Language = lang }).ToString();

    [Fact]
    public void Diff_IdenticalText_IsEmpty()
    {
        var diff = EditTypeDiffer.Diff(Page, Page);
        Assert.True(diff.IsEmpty);
        Assert.Equal(new float[88], diff.ToFeatureVector());
    }

    [Fact]
    public void Diff_EmptyToEmpty_IsEmpty() => Assert.True(EditTypeDiffer.Diff(string.Empty, string.Empty).IsEmpty);

    [Fact]
    public void Diff_PageBlanked_RemovesEverything() =>
        Assert.Equal(
            "Heading.remove=2, Paragraph.remove=3, Punctuation.remove=4, Section.remove=3, Sentence.remove=4, Whitespace.remove=23, Word.remove=19",
            Summary(Page, string.Empty));

    [Fact]
    public void Diff_WordChanged_CountsWordSentenceParagraphSection() =>
        Assert.Equal(
            "Paragraph.change=1, Section.change=1, Sentence.change=1, Word.change=1",
            Summary(Page, Page.Replace("founded", "settled", StringComparison.Ordinal)));

    [Fact]
    public void Diff_TemplateInserted_CountsTemplateNotText() =>
        Assert.Equal("Section.change=1, Template.insert=1", Summary(Page, Page.Replace("quickly.", "quickly.{{citation needed|date=May 2024}}", StringComparison.Ordinal)));

    [Fact]
    public void Diff_TemplateParameterChanged_CountsTemplateChange()
    {
        var before = Page + "{{Infobox town|name=A|population=10}}\n";
        var after = Page + "{{Infobox town|name=A|population=12}}\n";
        Assert.Equal("Section.change=1, Template.change=1", Summary(before, after));
    }

    [Fact]
    public void Diff_TemplateRemoved_CountsRemove() =>
        Assert.Equal("Section.change=1, Template.remove=1", Summary(Page + "{{stub}}", Page));

    [Fact]
    public void Diff_MediaFileInTemplateParameter_CountsNestedMedia()
    {
        var before = "{{Infobox town|image=Old view.jpg|caption=View}}\nText here.";
        var after = "{{Infobox town|image=New view.jpg|caption=View}}\nText here.";
        Assert.Equal("Media.change=1, Section.change=1, Template.change=1", Summary(before, after));
    }

    [Fact]
    public void Diff_WikilinkInserted_TextUnchanged() =>
        Assert.Equal("Section.change=1, Wikilink.insert=1", Summary(Page, Page.Replace("a river", "a [[river]]", StringComparison.Ordinal)));

    [Fact]
    public void Diff_WikilinkTargetChanged_CountsChangeOnly() =>
        Assert.Equal("Section.change=1, Wikilink.change=1", Summary(Page + "See [[Paris]].", Page + "See [[Paris, Texas|Paris]]."));

    [Fact]
    public void Diff_CategoryWithLocalNamespace_CountsCategory()
    {
        Assert.Equal("Category.insert=1, Section.change=1", Summary("Text.\n", "Text.\n[[Kategorie:Ort]]", "de"));
        // Not a category on English Wikipedia: an ordinary link whose title is read as text.
        Assert.Equal(
            "Paragraph.change=1, Punctuation.insert=1, Section.change=1, Sentence.insert=1, Wikilink.insert=1, Word.insert=2",
            Summary("Text.\n", "Text.\n[[Kategorie:Ort]]", "en"));
    }

    [Fact]
    public void Diff_MediaLinks_AreMediaNotWikilinks()
    {
        Assert.Equal("Media.insert=1, Section.change=1", Summary("Text.", "Text.[[File:A.jpg|thumb|A caption]]"));
        Assert.Equal("Media.insert=1, Section.change=1", Summary("Text.", "Text.[[Image:A.png]]"));
        Assert.Equal("Media.insert=1, Section.change=1", Summary("Text.", "Text.[[Datei:A.png]]", "de"));
    }

    [Fact]
    public void Diff_ExternalLinks_BracketedAndFree()
    {
        Assert.Equal("ExternalLink.insert=1, Section.change=1", Summary("See.", "See.[https://example.org]"));
        Assert.Equal(
            "ExternalLink.insert=1, Paragraph.change=1, Section.change=1, Sentence.change=1, Whitespace.insert=2, Word.insert=2",
            Summary("See here.", "See [https://example.org the site] here."));
        Assert.Equal("ExternalLink.insert=1, Section.change=1", Summary("See.", "See.https://example.org/a"));
    }

    [Fact]
    public void Diff_ReferenceWithNestedTemplate_CountsBoth()
    {
        var before = "Fact.<ref>{{cite web|url=https://a.example|title=A}}</ref>";
        var after = "Fact.<ref>{{cite web|url=https://b.example|title=A}}</ref>";
        Assert.Equal("ExternalLink.change=1, Reference.change=1, Section.change=1, Template.change=1", Summary(before, after));
    }

    [Fact]
    public void Diff_SelfClosingReferenceInserted_CountsReference() =>
        Assert.Equal("Reference.insert=1, Section.change=1", Summary("Fact.", "Fact.<ref name=a/>"));

    [Fact]
    public void Diff_CommentInserted_NoTextChange() =>
        Assert.Equal("Comment.insert=1, Section.change=1", Summary("Fact.", "Fact.<!-- check this -->"));

    [Fact]
    public void Diff_HtmlEntityInserted_CountsEntityAndItsText() =>
        // &nbsp; reads as a no-break space: one more whitespace, and the sentence "10 km" changes.
        Assert.Equal("HTMLEntity.insert=1, Paragraph.change=1, Section.change=1, Sentence.change=1, Whitespace.insert=1", Summary("10 km", "10 &nbsp;km"));

    [Fact]
    public void Diff_HeadingInserted_SplitsSection()
    {
        var after = Page.Replace("It grew quickly.", "\n===Growth===\nIt grew quickly.", StringComparison.Ordinal);
        // The section splits in two: one changed, one new; the sentence moves to a paragraph of its own.
        Assert.Equal(
            "Heading.insert=1, Paragraph.change=1, Paragraph.insert=1, Section.change=1, Section.insert=1, Whitespace.insert=2",
            Summary(Page, after));
    }

    [Fact]
    public void Diff_ListItemAdded_CountsListAndText() =>
        Assert.Equal(
            "List.insert=1, Paragraph.change=1, Section.change=1, Sentence.insert=1, Whitespace.insert=3, Word.insert=2",
            Summary("Items:\n* one apple\n", "Items:\n* one apple\n* two pears\n"));

    [Fact]
    public void Diff_TableCellEdited_CountsTableAndCellText()
    {
        const string before = "{| class=\"wikitable\"\n|-\n! Year !! Team\n|-\n| 1990 || [[Leeds]]\n|}\n";
        var after = before.Replace("[[Leeds]]", "[[York]]", StringComparison.Ordinal);
        Assert.Equal("Paragraph.change=1, Section.change=1, Sentence.change=1, Table.change=1, Wikilink.change=1, Word.change=1", Summary(before, after));
    }

    [Fact]
    public void Diff_TableInserted_CountsTableNotElements() =>
        Assert.Equal(
            "Paragraph.insert=1, Section.change=1, Sentence.insert=1, Table.insert=1, Whitespace.insert=7, Word.insert=2",
            Summary("Intro.\n", "Intro.\n{|\n|-\n| alpha || beta\n|}\n"));

    [Fact]
    public void Diff_GalleryInserted_CountsGalleryAndEachImage() =>
        Assert.Equal(
            "Gallery.insert=1, Media.insert=2, Section.change=1, Whitespace.insert=1",
            Summary("Intro.\n", "Intro.\n<gallery>\nFile:One.jpg|First\nTwo.png|Second\n</gallery>\n"));

    [Fact]
    public void Diff_BoldAndItalic_AreTextFormatting()
    {
        Assert.Equal("Section.change=1, Text Formatting.insert=1", Summary("A big town.", "A '''big''' town."));
        Assert.Equal("Section.change=1, Text Formatting.change=1", Summary("A '''big''' town.", "A ''big'' town."));
        Assert.Equal("Section.change=1, Text Formatting.insert=1", Summary("A big town.", "A <small>big</small> town."));
    }

    [Fact]
    public void Diff_TemplateArgument_CountsArgument() =>
        Assert.Equal("Argument.insert=1, Section.change=1", Summary("Value: x", "Value: x{{{1|}}}"));

    [Fact]
    public void Diff_PunctuationAndWhitespace_CountedByCharacter() =>
        Assert.Equal(
            "Paragraph.change=1, Punctuation.change=1, Section.change=1, Whitespace.insert=1",
            Summary("One two three four.", "One two three four! "));

    [Fact]
    public void Diff_SpacelessLanguage_CountsCharacters() =>
        Assert.Equal("Character.change=1, Paragraph.change=1, Section.change=1, Sentence.change=1", Summary("東京は日本の首都である。", "西京は日本の首都である。", "ja"));

    [Fact]
    public void Diff_SwappedSections_SimpleDifferSeesNoChange()
    {
        const string before = "Lead.\n==A==\nAlpha text.\n==B==\nBeta text.\n";
        const string after = "Lead.\n==B==\nBeta text.\n==A==\nAlpha text.\n";
        Assert.True(EditTypeDiffer.Diff(before, after).IsEmpty);
    }

    [Fact]
    public void Diff_NewPage_CountsInserts()
    {
        var diff = EditTypeDiffer.Diff(string.Empty, "A [[town]].{{stub}}");
        Assert.Equal(1, diff[EditNodeTypes.Section, EditAction.Insert]);
        Assert.Equal(1, diff[EditNodeTypes.Wikilink, EditAction.Insert]);
        Assert.Equal(1, diff[EditNodeTypes.Template, EditAction.Insert]);
        Assert.Equal(2, diff[EditNodeTypes.Word, EditAction.Insert]);
        Assert.Equal(0, diff[EditNodeTypes.Word, EditAction.Move]);
    }

    [Fact]
    public void ToFeatureVector_UsesTrainingColumnLayout()
    {
        Assert.Equal(88, EditTypeCounts.FeatureNames.Count);
        Assert.Equal("change_Argument", EditTypeCounts.FeatureNames[0]);
        Assert.Equal("remove_Word", EditTypeCounts.FeatureNames[^1]);
        Assert.Contains("insert_Table Element", EditTypeCounts.FeatureNames);

        var diff = EditTypeDiffer.Diff("Text.", "Text.[[a]][[b]]");
        var vector = diff.ToFeatureVector();
        Assert.Equal(2f, vector[EditTypeCounts.FeatureNames.ToList().IndexOf("insert_Wikilink")]);
        Assert.Equal(1f, vector[EditTypeCounts.FeatureNames.ToList().IndexOf("change_Section")]);
        // plus Paragraph.change and Word.insert: "Text.ab" reads as a new word "ab"
        Assert.Equal(5f, vector.Sum());
    }

    [Fact]
    public void Diff_TooLongInput_IsCutAndFlagged()
    {
        var options = new EditTypeOptions { MaxWikitextLength = 10 };
        var diff = EditTypeDiffer.Diff("short", "a much longer text than ten", options);
        Assert.True(diff.Truncated);
        Assert.Equal(1, diff[EditNodeTypes.Section, EditAction.Change]);
    }
}
