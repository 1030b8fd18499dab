using LiftWing.Wiki.EditTypes;

namespace LiftWing.Wiki.Tests.EditTypes;

public sealed class WikitextParserTests
{
    private static List<(WikiNodeKind Kind, string Text)> Top(string text) =>
        WikitextParser.Parse(text).Nodes.Select(n => (n.Kind, n.GetText(text))).ToList();

    [Fact]
    public void Parse_Heading_AtLineStartOnly()
    {
        const string text = "Intro == not ==\n== History ==  \nBody";
        var nodes = Top(text);
        Assert.Equal([(WikiNodeKind.Text, "Intro == not ==\n"), (WikiNodeKind.Heading, "== History =="), (WikiNodeKind.Text, "  \nBody")], nodes);
        Assert.Equal(2, WikitextParser.Parse(text).Nodes[1].Level);
    }

    [Fact]
    public void Parse_UnbalancedHeading_TakesShorterSide()
    {
        const string text = "===A==\n";
        var heading = WikitextParser.Parse(text).Nodes[0];
        Assert.Equal(WikiNodeKind.Heading, heading.Kind);
        Assert.Equal(2, heading.Level);
        Assert.Equal("=A", text[heading.Title!.Start..heading.Title.End]);
    }

    [Fact]
    public void Parse_Template_SplitsNameAndParameters()
    {
        const string text = "{{cite web|url=http://a.example/x|title=[[A]] b|positional}}";
        var node = Assert.Single(WikitextParser.Parse(text).Nodes);
        Assert.Equal(WikiNodeKind.Template, node.Kind);
        Assert.Equal("cite web", text[node.Title!.Start..node.Title.End]);
        Assert.Equal(3, node.Parameters!.Count);
        Assert.Equal("url", text[node.Parameters[0].Key!.Start..node.Parameters[0].Key!.End]);
        Assert.Null(node.Parameters[2].Key);
        Assert.Contains(node.Descendants(), n => n.Kind == WikiNodeKind.Wikilink && n.GetText(text) == "[[A]]");
        Assert.Contains(node.Descendants(), n => n.Kind == WikiNodeKind.ExternalLink && n.GetText(text) == "http://a.example/x");
    }

    [Fact]
    public void Parse_UnclosedTemplate_IsText()
    {
        const string text = "a {{b|c [[d]] e";
        Assert.Equal([(WikiNodeKind.Text, "a {{b|c "), (WikiNodeKind.Wikilink, "[[d]]"), (WikiNodeKind.Text, " e")], Top(text));
    }

    [Fact]
    public void Parse_ArgumentWithDefault()
    {
        var node = Assert.Single(WikitextParser.Parse("{{{1|x}}}").Nodes);
        Assert.Equal(WikiNodeKind.Argument, node.Kind);
        Assert.NotNull(node.Body);
    }

    [Fact]
    public void Parse_MediaLinkWithNestedLinkInCaption()
    {
        const string text = "[[File:A.jpg|thumb|The [[river]] at dusk]]";
        var node = Assert.Single(WikitextParser.Parse(text).Nodes);
        Assert.Equal(WikiNodeKind.Wikilink, node.Kind);
        Assert.Equal("[[river]]", Assert.Single(node.Descendants(), n => n.Kind == WikiNodeKind.Wikilink).GetText(text));
    }

    [Fact]
    public void Parse_LinkTitleWithNewline_IsText() =>
        Assert.All(Top("[[a\nb]]"), n => Assert.Equal(WikiNodeKind.Text, n.Kind));

    [Fact]
    public void Parse_ExternalLinks_BracketedAndFreeWithTrailingPunctuation()
    {
        const string text = "See [https://a.example A site] and http://b.example/x.";
        var nodes = Top(text);
        Assert.Contains((WikiNodeKind.ExternalLink, "[https://a.example A site]"), nodes);
        Assert.Contains((WikiNodeKind.ExternalLink, "http://b.example/x"), nodes);
        Assert.Equal((WikiNodeKind.Text, "."), nodes[^1]);
    }

    [Fact]
    public void Parse_Tags_PairedSelfClosingRawAndUnclosed()
    {
        const string text = "a<ref name=\"x\">b {{c}}</ref><ref name=x/><nowiki>[[no]]</nowiki><ref>open";
        var nodes = WikitextParser.Parse(text).Nodes;
        var tags = nodes.Where(n => n.Kind == WikiNodeKind.Tag).ToList();
        Assert.Equal(["ref", "ref", "nowiki"], tags.Select(t => t.TagName));
        Assert.Contains(tags[0].Descendants(), n => n.Kind == WikiNodeKind.Template);
        Assert.DoesNotContain(tags[2].Descendants(), n => n.Kind == WikiNodeKind.Wikilink);
        Assert.Equal("<ref>open", nodes[^1].GetText(text));
        Assert.Equal(WikiNodeKind.Text, nodes[^1].Kind);
    }

    [Fact]
    public void Parse_CommentAndEntities()
    {
        var nodes = Top("x<!-- c -->&nbsp;&#8212;&#x2014;&notanentity;");
        Assert.Equal(
            [
                (WikiNodeKind.Text, "x"), (WikiNodeKind.Comment, "<!-- c -->"), (WikiNodeKind.HtmlEntity, "&nbsp;"),
                (WikiNodeKind.HtmlEntity, "&#8212;"), (WikiNodeKind.HtmlEntity, "&#x2014;"), (WikiNodeKind.Text, "&notanentity;"),
            ],
            nodes);
    }

    [Fact]
    public void Parse_ListMarkersAndRule_AreTagsPerCharacter()
    {
        var nodes = WikitextParser.Parse("** a\n#: b\n----\nc * d").Nodes;
        Assert.Equal(["li", "li", "li", "li", "hr"], nodes.Where(n => n.Kind == WikiNodeKind.Tag).Select(n => n.TagName));
    }

    [Fact]
    public void Parse_Table_RowsAndCells()
    {
        const string text = "{| class=\"wikitable\"\n|+ Caption\n|-\n! A !! B\n|-\n| style=\"x\" | [[one]] || two\n|}\nafter";
        var nodes = WikitextParser.Parse(text).Nodes;
        var table = nodes[0];
        Assert.Equal("table", table.TagName);
        Assert.Equal("\nafter", nodes[1].GetText(text));
        var tags = table.Descendants().Where(n => n.Kind == WikiNodeKind.Tag).Select(n => n.TagName).ToList();
        Assert.Equal(["caption", "tr", "th", "th", "tr", "td", "td"], tags);
        var cell = table.Descendants().First(n => n.TagName == "td");
        Assert.Equal(" [[one]] ", text[cell.Body!.Start..cell.Body.End]);
    }

    [Fact]
    public void Parse_UnclosedTable_IsText() =>
        Assert.DoesNotContain(WikitextParser.Parse("{|\n| a\n").Nodes, n => n.Kind == WikiNodeKind.Tag && n.TagName == "table");

    [Fact]
    public void Parse_IsLossless()
    {
        var text = File.ReadAllText(LiftWing.Tests.Common.TestPaths.SharedData("wikitext", "wtf_wikipedia", "Bazooka.txt"));
        var root = WikitextParser.Parse(text);
        var position = 0;
        foreach (var node in root.Nodes)
        {
            Assert.Equal(position, node.Start);
            position = node.End;
        }

        Assert.Equal(text.Length, position);
    }

    [Fact]
    public void Parse_ThousandsOfUnclosedBraces_StaysWithinStepBudget()
    {
        // Nested openings that close only at the very end make a naive backtracking parser quadratic.
        var text = string.Concat(Enumerable.Repeat("{{a|", 20_000)) + "}}";
        var root = WikitextParser.Parse(text, null, out var parser);
        Assert.Equal(text.Length, root.End);
        Assert.True(parser.BudgetLeft > -100, "the budget is a hard stop");
    }
}
