using System.Text;

namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// An unordered collection of a page's nodes keyed by their wikitext: one node per section (keyed by the
/// whole section), every top-level non-text node, and one node per pair of bold/italic quote runs on a line.
/// </summary>
internal sealed class WikitextBag
{
    private readonly NodeClassifier _classifier;

    public WikitextBag(string wikitext, EditTypeOptions options)
    {
        Source = wikitext;
        Language = options.Language;
        _classifier = NodeClassifier.For(options.Language);
        var root = WikitextParser.Parse(wikitext, options, out var parser);
        BuildSections(root);
        BudgetExhausted = parser.BudgetExhausted;
    }

    /// <summary>Sections in page order (index, top-level nodes, wikitext); empty sections are left out.</summary>
    public List<(int Index, List<WikiNode> Nodes, string Text)> SectionList { get; } = [];

    /// <summary>
    /// Fills both bags, leaving out sections whose exact wikitext both revisions have: such a section adds the
    /// same nodes to both sides, which would cancel anyway, so skipping it changes no count and saves most of
    /// the work for a small edit to a large page. Like the cancelling step, the first copies of a repeated
    /// section are the ones kept.
    /// </summary>
    public static void Fill(WikitextBag previous, WikitextBag current)
    {
        var previousCounts = CountTexts(previous);
        var currentCounts = CountTexts(current);
        previous.AddSections(previousCounts, currentCounts);
        current.AddSections(currentCounts, previousCounts);
    }

    private static Dictionary<string, int> CountTexts(WikitextBag bag)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var section in bag.SectionList)
        {
            counts[section.Text] = counts.GetValueOrDefault(section.Text) + 1;
        }

        return counts;
    }

    private void AddSections(Dictionary<string, int> own, Dictionary<string, int> other)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, nodes, text) in SectionList)
        {
            var ordinal = seen[text] = seen.GetValueOrDefault(text) + 1;
            var shared = Math.Min(own[text], other.GetValueOrDefault(text));
            if (ordinal > own[text] - shared)
            {
                continue;
            }

            Sections[index] = nodes;
            AddSection(index, nodes, text);
        }
    }

    public string Source { get; }

    public string Language { get; }

    public bool BudgetExhausted { get; private set; }

    /// <summary>Nodes by wikitext, in insertion order within a key.</summary>
    public Dictionary<string, List<BagNode>> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Top-level nodes of each section, by section index.</summary>
    public Dictionary<int, List<WikiNode>> Sections { get; } = [];

    private void Add(BagNode node)
    {
        if (!Nodes.TryGetValue(node.Text, out var list))
        {
            list = [];
            Nodes[node.Text] = list;
        }

        list.Add(node);
    }

    private void BuildSections(WikiCode root)
    {
        // Flat sections: the lead (index 0, skipped when empty), then one per heading up to the next heading.
        var index = 0;
        var current = new List<WikiNode>();
        foreach (var node in root.Nodes)
        {
            if (node.Kind == WikiNodeKind.Heading)
            {
                CollectSection(index, current);
                index++;
                current = [];
            }

            current.Add(node);
        }

        CollectSection(index, current);
    }

    private void CollectSection(int index, List<WikiNode> nodes)
    {
        if (nodes.Count == 0 || nodes[^1].End <= nodes[0].Start)
        {
            return;
        }

        SectionList.Add((index, nodes, Source[nodes[0].Start..nodes[^1].End]));
    }

    private void AddSection(int index, List<WikiNode> nodes, string text)
    {
        Add(new BagNode(EditNodeTypes.Section, text, index));
        foreach (var node in nodes)
        {
            var type = _classifier.Classify(Source, node);
            if (type != EditNodeTypes.Text)
            {
                Add(new BagNode(type, node.GetText(Source), index, node, Source));
            }
        }

        if (text.Contains("''", StringComparison.Ordinal))
        {
            AddQuoteFormatting(text, index);
        }
    }

    // Bold/italic are counted per line from quote runs: runs of five are bold-italic, of three bold, of two
    // italic (after removing the longer ones); each pair of runs is one formatting node.
    private void AddQuoteFormatting(string text, int section)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range);
            if (!line.Contains("''", StringComparison.Ordinal))
            {
                continue;
            }

            int fives = 0, threes = 0, twos = 0;
            for (var i = 0; i < line.Length;)
            {
                if (line[i] != '\'')
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < line.Length && line[i] == '\'')
                {
                    i++;
                }

                var run = i - start;
                fives += run / 5;
                run %= 5;
                threes += run / 3;
                run %= 3;
                twos += run / 2;
            }

            for (var k = 0; k < fives / 2; k++)
            {
                Add(new BagNode(EditNodeTypes.TextFormatting, "'''''", section));
            }

            for (var k = 0; k < threes / 2; k++)
            {
                Add(new BagNode(EditNodeTypes.TextFormatting, "'''", section));
            }

            for (var k = 0; k < twos / 2; k++)
            {
                Add(new BagNode(EditNodeTypes.TextFormatting, "''", section));
            }
        }
    }

    /// <summary>Adds the nodes nested inside every remaining expandable node (references, templates, links…).</summary>
    public void ExpandNested()
    {
        var toAdd = new List<BagNode>();
        foreach (var list in Nodes.Values)
        {
            foreach (var n in list)
            {
                if (n.Node is not null && n.Type is not (EditNodeTypes.Section or EditNodeTypes.Heading or EditNodeTypes.Text))
                {
                    Unnest(n, toAdd);
                }
            }
        }

        foreach (var n in toAdd)
        {
            Add(n);
        }
    }

    private void Unnest(BagNode parent, List<BagNode> output)
    {
        var source = parent.Source!;
        IEnumerable<WikiNode> nested;
        if (parent.Type == EditNodeTypes.Gallery)
        {
            // Gallery contents are raw text to the parser: re-parse what is between the tags.
            var text = parent.Text;
            var open = text.IndexOf('>', StringComparison.Ordinal);
            var close = text.LastIndexOf('<');
            if (open < 0 || close <= open)
            {
                return;
            }

            source = text[(open + 1)..close];
            var inner = WikitextParser.Parse(source);
            nested = inner.Nodes.SelectMany(static n => n.Descendants().Prepend(n));
        }
        else
        {
            nested = parent.Node!.Descendants();
        }

        var findMedia = parent.Type is EditNodeTypes.Template or EditNodeTypes.Gallery;
        foreach (var node in nested)
        {
            var type = _classifier.Classify(source, node);
            if (type == EditNodeTypes.Text)
            {
                if (findMedia)
                {
                    foreach (var media in NestedMedia.Find(node.GetText(source), parent.Type == EditNodeTypes.Gallery))
                    {
                        output.Add(new BagNode(EditNodeTypes.Media, media, parent.Section));
                    }
                }
            }
            else if (type != EditNodeTypes.TableElement)
            {
                output.Add(new BagNode(type, node.GetText(source), parent.Section, node, source));
            }
        }
    }

    /// <summary>The plain text of a set of sections, in page order.</summary>
    public string PlainTextOf(IEnumerable<int> sections)
    {
        var sb = new StringBuilder();
        foreach (var index in sections.Order())
        {
            PlainText.AppendNodes(sb, Source, Sections[index], _classifier);
        }

        return sb.ToString();
    }
}
