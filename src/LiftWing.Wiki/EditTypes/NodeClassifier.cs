using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace LiftWing.Wiki.EditTypes;

/// <summary>Maps parsed nodes to mwedittypes' node type names for one language.</summary>
internal sealed class NodeClassifier
{
    private static readonly ConcurrentDictionary<string, NodeClassifier> s_cache = new(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_formattingTags = new[]
    {
        "b", "i", "s", "u", "del", "ins", "hr", "br", "pre", "nowiki", "small", "big", "sub", "sup", "font",
        "blockquote", "span", "center",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_listTags = new[] { "li", "dt", "dd", "ul", "ol", "dl" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> s_tableElementTags = new[] { "th", "tr", "td" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenSet<string> _media;
    private readonly FrozenSet<string> _category;

    private NodeClassifier(string lang)
    {
        _media = NamespaceNames.MediaPrefixes(lang);
        _category = NamespaceNames.CategoryPrefixes(lang);
    }

    /// <summary>English, which mwedittypes uses inside text formatting.</summary>
    public static NodeClassifier English { get; } = For("en");

    public static NodeClassifier For(string lang) => s_cache.GetOrAdd(lang, static l => new NodeClassifier(l));

    public string Classify(string source, WikiNode node) => node.Kind switch
    {
        WikiNodeKind.Text => EditNodeTypes.Text,
        WikiNodeKind.Template => EditNodeTypes.Template,
        WikiNodeKind.Argument => EditNodeTypes.Argument,
        WikiNodeKind.Comment => EditNodeTypes.Comment,
        WikiNodeKind.HtmlEntity => EditNodeTypes.HtmlEntity,
        WikiNodeKind.Heading => EditNodeTypes.Heading,
        WikiNodeKind.ExternalLink => EditNodeTypes.ExternalLink,
        WikiNodeKind.Wikilink => ClassifyLink(source, node),
        WikiNodeKind.Tag => ClassifyTag(node.TagName ?? string.Empty),
        _ => EditNodeTypes.OtherTag,
    };

    /// <summary>Type of a tag by name (lower case).</summary>
    public static string ClassifyTag(string tag)
    {
        if (s_formattingTags.Contains(tag))
        {
            return EditNodeTypes.TextFormatting;
        }

        if (s_listTags.Contains(tag))
        {
            return EditNodeTypes.List;
        }

        if (s_tableElementTags.Contains(tag))
        {
            return EditNodeTypes.TableElement;
        }

        return tag switch
        {
            "table" => EditNodeTypes.Table,
            "gallery" => EditNodeTypes.Gallery,
            "ref" => EditNodeTypes.Reference,
            "noinclude" => EditNodeTypes.Comment,
            _ => EditNodeTypes.OtherTag,
        };
    }

    private string ClassifyLink(string source, WikiNode node)
    {
        // Like mwedittypes: the title up to its first ':' (the whole title if none), lower-cased.
        var title = node.Title!;
        var span = source.AsSpan(title.Start, title.End - title.Start);
        var colon = span.IndexOf(':');
        var prefix = (colon < 0 ? span : span[..colon]).ToString().ToLowerInvariant();
        if (_media.Contains(prefix))
        {
            return EditNodeTypes.Media;
        }

        return _category.Contains(prefix) ? EditNodeTypes.Category : EditNodeTypes.Wikilink;
    }
}
