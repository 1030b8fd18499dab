using LiftWing.Tests.Common;
using LiftWing.Wiki.EditTypes;

namespace LiftWing.Wiki.Tests.EditTypes;

public sealed class EditTypeLargePageTests
{
    private static string LargestArticle()
    {
        var dir = TestPaths.SharedData("wikitext", "wtf_wikipedia");
        var path = Directory.GetFiles(dir, "*.txt").OrderByDescending(static f => new FileInfo(f).Length).First();
        return File.ReadAllText(path);
    }

    [Fact]
    public void Diff_OneParagraphEditOfLargestArticle_CompletesWithinStepBudget()
    {
        var parent = LargestArticle();
        Assert.True(parent.Length > 300_000);

        // Append a sentence to a paragraph in the middle of the page.
        var paragraphEnd = parent.IndexOf("\n\n", parent.Length / 2, StringComparison.Ordinal);
        var current = parent.Insert(paragraphEnd, " An editor added this sentence.");

        var root = WikitextParser.Parse(parent, null, out var parser);
        Assert.False(parser.BudgetExhausted);
        Assert.True(parser.BudgetLeft > 10L * parent.Length, $"parse used {(20L * parent.Length) + 10_000 - parser.BudgetLeft} steps for {parent.Length} chars");
        Assert.Equal(parent.Length, root.End);

        var diff = EditTypeDiffer.Diff(parent, current);

        Assert.False(diff.ParseBudgetExhausted);
        Assert.False(diff.Truncated);
        Assert.Equal(1, diff[EditNodeTypes.Section, EditAction.Change]);
        Assert.Equal(5, diff[EditNodeTypes.Word, EditAction.Insert]);
        Assert.Equal(1, diff[EditNodeTypes.Punctuation, EditAction.Insert]);
        Assert.Equal(5, diff[EditNodeTypes.Whitespace, EditAction.Insert]);
        Assert.Equal(0, diff[EditNodeTypes.Template, EditAction.Change] + diff[EditNodeTypes.Wikilink, EditAction.Change]);
    }

    [Fact]
    public void Diff_LargestArticleAgainstAnother_CountsManyChangesWithoutExhaustingBudget()
    {
        var parent = LargestArticle();
        var current = File.ReadAllText(TestPaths.SharedData("wikitext", "wtf_wikipedia", "anarchism.txt"));

        var diff = EditTypeDiffer.Diff(parent, current);

        Assert.False(diff.ParseBudgetExhausted);
        Assert.True(diff[EditNodeTypes.Wikilink, EditAction.Change] > 100);
        Assert.True(diff[EditNodeTypes.Section, EditAction.Change] > 10);
        Assert.True(diff[EditNodeTypes.Word, EditAction.Change] > 1000);
    }

    [Fact]
    public void Diff_PageCreationOfLargestArticle_CountsEveryNodeAsInsert()
    {
        var page = LargestArticle();
        var root = WikitextParser.Parse(page);
        var diff = EditTypeDiffer.Diff(string.Empty, page);

        Assert.Equal(root.Nodes.Count(static n => n.Kind == WikiNodeKind.Heading), diff[EditNodeTypes.Heading, EditAction.Insert]);
        Assert.Equal(0, diff[EditNodeTypes.Heading, EditAction.Change]);
        Assert.True(diff[EditNodeTypes.Word, EditAction.Insert] > 10_000);
    }
}
