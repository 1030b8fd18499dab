namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// One parsed wikitext node. The node keeps offsets into the source instead of copies so a parse of a
/// 300 kB page allocates little; its wikitext is <c>source[Start..End]</c>.
/// </summary>
public sealed class WikiNode
{
    internal WikiNode(WikiNodeKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
    }

    /// <summary>What the node is.</summary>
    public WikiNodeKind Kind { get; }

    /// <summary>First source offset.</summary>
    public int Start { get; }

    /// <summary>Source offset one past the end.</summary>
    public int End { get; }

    /// <summary>Lower-case tag name for <see cref="WikiNodeKind.Tag"/> nodes (<c>ref</c>, <c>li</c>, <c>table</c>…).</summary>
    public string? TagName { get; init; }

    /// <summary>Heading level (1-6).</summary>
    public int Level { get; init; }

    /// <summary>Whether an external link is written in brackets.</summary>
    public bool Brackets { get; init; }

    /// <summary>
    /// Wikilink and heading title, external link title, template and argument name, tag attributes.
    /// </summary>
    public WikiCode? Title { get; init; }

    /// <summary>Wikilink text, tag contents, argument default, external link URL.</summary>
    public WikiCode? Body { get; init; }

    /// <summary>Template parameters (key, value); key is null for positional parameters.</summary>
    public IReadOnlyList<(WikiCode? Key, WikiCode Value)>? Parameters { get; init; }

    /// <summary>Extra children (table rows and cells hold their attributes here).</summary>
    public IReadOnlyList<WikiCode>? Extra { get; init; }

    /// <summary>Length of the node's wikitext.</summary>
    public int Length => End - Start;

    /// <summary>The node's wikitext.</summary>
    public string GetText(string source) => source[Start..End];

    /// <summary>Child runs in the order mwparserfromhell's recursive filter visits them.</summary>
    public IEnumerable<WikiCode> Children()
    {
        if (Title is not null)
        {
            yield return Title;
        }

        if (Parameters is not null)
        {
            foreach (var (key, value) in Parameters)
            {
                if (key is not null)
                {
                    yield return key;
                }

                yield return value;
            }
        }

        if (Extra is not null)
        {
            foreach (var code in Extra)
            {
                yield return code;
            }
        }

        if (Body is not null)
        {
            yield return Body;
        }
    }

    /// <summary>Every node below this one, depth first, not including this node.</summary>
    public IEnumerable<WikiNode> Descendants()
    {
        var stack = new Stack<IEnumerator<WikiNode>>();
        stack.Push(ChildNodes(this).GetEnumerator());
        while (stack.Count > 0)
        {
            var top = stack.Peek();
            if (!top.MoveNext())
            {
                top.Dispose();
                stack.Pop();
                continue;
            }

            var node = top.Current;
            yield return node;
            stack.Push(ChildNodes(node).GetEnumerator());
        }
    }

    private static IEnumerable<WikiNode> ChildNodes(WikiNode node)
    {
        foreach (var code in node.Children())
        {
            foreach (var child in code.Nodes)
            {
                yield return child;
            }
        }
    }
}
