using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// The text a reader sees, as mwedittypes extracts it: link text, formatted text, table cells and entities;
/// templates, references, media, categories and comments contribute nothing; quote runs are dropped.
/// </summary>
internal static class PlainText
{
    // Tags whose contents mwparserfromhell's strip_code drops.
    private static readonly FrozenSet<string> s_invisibleTags = new[]
    {
        "categorytree", "gallery", "graph", "imagemap", "inputbox", "math", "ref", "references", "score", "section",
        "templatedata", "timeline",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Appends the plain text of top-level nodes.</summary>
    public static void AppendNodes(StringBuilder sb, string source, IEnumerable<WikiNode> nodes, NodeClassifier classifier)
    {
        foreach (var node in nodes)
        {
            AppendWithoutQuoteRuns(sb, ExtractText(source, node, classifier));
        }
    }

    private static void AppendWithoutQuoteRuns(StringBuilder sb, string text)
    {
        if (!text.Contains("''", StringComparison.Ordinal))
        {
            sb.Append(text);
            return;
        }

        for (var i = 0; i < text.Length;)
        {
            if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                while (i < text.Length && text[i] == '\'')
                {
                    i++;
                }

                continue;
            }

            sb.Append(text[i]);
            i++;
        }
    }

    public static string ExtractText(string source, WikiNode node, NodeClassifier classifier)
    {
        switch (classifier.Classify(source, node))
        {
            case EditNodeTypes.Text:
                return node.GetText(source);
            case EditNodeTypes.HtmlEntity:
                return WebUtility.HtmlDecode(node.GetText(source));
            case EditNodeTypes.Wikilink:
                return node.Body is { IsEmpty: false } text ? Strip(source, text, collapse: true) : Strip(source, node.Title!, collapse: true);
            case EditNodeTypes.ExternalLink when node.Title is { IsEmpty: false } title:
                return Strip(source, title, collapse: true);
            case EditNodeTypes.Table:
                return node.Body is null ? string.Empty : Strip(source, node.Body, collapse: false);
            case EditNodeTypes.TextFormatting:
                if (node.Body is null)
                {
                    return string.Empty;
                }

                var sb = new StringBuilder();
                foreach (var child in node.Body.Nodes)
                {
                    sb.Append(ExtractText(source, child, NodeClassifier.English));
                }

                return sb.ToString();
            default:
                return string.Empty;
        }
    }

    /// <summary>mwparserfromhell's <c>strip_code(normalize=True, keep_template_params=False)</c>.</summary>
    public static string Strip(string source, WikiCode code, bool collapse)
    {
        var sb = new StringBuilder();
        foreach (var node in code.Nodes)
        {
            var piece = StripNode(source, node, collapse);
            if (!string.IsNullOrEmpty(piece))
            {
                sb.Append(piece);
            }
        }

        if (!collapse)
        {
            return sb.ToString();
        }

        var text = sb.ToString().Trim('\n');
        return text.Contains("\n\n\n", StringComparison.Ordinal) ? CollapseNewlines(text) : text;
    }

    private static string CollapseNewlines(string text)
    {
        var sb = new StringBuilder(text.Length);
        var run = 0;
        foreach (var c in text)
        {
            run = c == '\n' ? run + 1 : 0;
            if (run <= 2)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string? StripNode(string source, WikiNode node, bool collapse) => node.Kind switch
    {
        WikiNodeKind.Text => node.GetText(source),
        WikiNodeKind.HtmlEntity => WebUtility.HtmlDecode(node.GetText(source)),
        WikiNodeKind.Heading => Strip(source, node.Title!, collapse),
        WikiNodeKind.Wikilink => node.Body is not null ? Strip(source, node.Body, collapse) : Strip(source, node.Title!, collapse),
        WikiNodeKind.ExternalLink => node.Brackets
            ? node.Title is null ? null : Strip(source, node.Title, collapse)
            : Strip(source, node.Body!, collapse),
        WikiNodeKind.Argument => node.Body is null ? null : Strip(source, node.Body, collapse),
        WikiNodeKind.Tag => node.Body is { IsEmpty: false } body && !s_invisibleTags.Contains(node.TagName!) ? Strip(source, body, collapse) : null,
        _ => null,
    };
}
