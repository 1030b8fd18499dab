using AngleSharp.Dom;

namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// The element tests of mwparserfromhtml 1.0 (<c>parse/elements.py</c>), with BeautifulSoup's attribute
/// semantics: <c>class</c> (and <c>rel</c> on <c>a</c>/<c>link</c>) are token lists, every other attribute is
/// a plain string. Where the library joins tokens without a separator (<c>"".join(classes)</c>) so do we,
/// because that decides e.g. which tables count as message boxes.
/// </summary>
internal static class ParsoidElements
{
    /// <summary><c>_tag_to_element</c>: the first matching kind, in the library's order.</summary>
    public static ParsoidElementKind Classify(IElement e)
    {
        var name = e.LocalName;
        if (name == "section")
        {
            return ParsoidElementKind.Section;
        }

        if (IsHeading(e))
        {
            return ParsoidElementKind.Heading;
        }

        if (IsCategory(e))
        {
            return ParsoidElementKind.Category;
        }

        if (name == "a")
        {
            return IsWikilink(e) ? ParsoidElementKind.Wikilink
                : IsExternalLink(e) ? ParsoidElementKind.ExternalLink
                : ParsoidElementKind.None;
        }

        if (name == "table")
        {
            return IsWikitable(e) ? ParsoidElementKind.Wikitable
                : IsMessagebox(e) ? ParsoidElementKind.Messagebox
                : IsInfobox(e) ? ParsoidElementKind.Infobox
                : ParsoidElementKind.Table;
        }

        if (IsMedia(e))
        {
            return GetMediaKind(e);
        }

        if (e.GetAttribute("role") == "navigation")
        {
            return ParsoidElementKind.Navigation;
        }

        if (name == "div" && JoinedClasses(e).Contains("hatnote", StringComparison.Ordinal))
        {
            return ParsoidElementKind.Note;
        }

        if (IsReference(e))
        {
            return ParsoidElementKind.Reference;
        }

        if (IsCitation(e))
        {
            return ParsoidElementKind.Citation;
        }

        if (name is "ul" or "ol")
        {
            return ParsoidElementKind.List;
        }

        if (name == "span" && TypeOfContains(e, "mw:Extension/math"))
        {
            return ParsoidElementKind.Math;
        }

        return name switch
        {
            "sup" => ParsoidElementKind.Superscript,
            "b" or "strong" or "i" or "em" or "dfn" or "blockquote" or "code" or "q" or "mark" or "small"
                or "del" or "s" or "ins" or "u" or "sub" or "pre" => ParsoidElementKind.OtherTextFormatting,
            _ => ParsoidElementKind.None,
        };
    }

    /// <summary><c>Heading.is_heading</c>: h2..h6 (an h1 is not a heading to the library).</summary>
    public static bool IsHeading(IElement e) => e.LocalName is "h2" or "h3" or "h4" or "h5" or "h6";

    /// <summary>The heading level of an h2..h6.</summary>
    public static int HeadingLevel(IElement e) => e.LocalName[1] - '0';

    /// <summary><c>Category.is_category</c>: <c>link</c> with the <c>mw:PageProp/Category</c> rel token.</summary>
    public static bool IsCategory(IElement e) => e.LocalName == "link" && HasToken(e.GetAttribute("rel"), "mw:PageProp/Category");

    /// <summary><c>Wikilink.is_wikilink</c>: an <c>a</c> whose rel tokens, joined, contain <c>mw:WikiLink</c> (so interwiki links count).</summary>
    public static bool IsWikilink(IElement e) =>
        e.LocalName == "a" && e.GetAttribute("rel") is { } rel && JoinTokens(rel).Contains("mw:WikiLink", StringComparison.Ordinal);

    /// <summary><c>ExternalLink.is_external_link</c>.</summary>
    public static bool IsExternalLink(IElement e) => e.LocalName == "a" && HasToken(e.GetAttribute("rel"), "mw:ExtLink");

    /// <summary><c>Wikitable.is_wikitable</c>: the exact class token <c>wikitable</c>.</summary>
    public static bool IsWikitable(IElement e) => e.LocalName == "table" && HasToken(e.GetAttribute("class"), "wikitable");

    /// <summary><c>Messagebox.is_message_box</c>: a table whose joined classes contain <c>mbox</c> (ambox, ombox, ...).</summary>
    public static bool IsMessagebox(IElement e) => e.LocalName == "table" && JoinedClasses(e).Contains("mbox", StringComparison.Ordinal);

    /// <summary><c>Infobox.is_infobox</c>: a table whose joined classes contain <c>infobox</c> (French uses infobox_v2).</summary>
    public static bool IsInfobox(IElement e) => e.LocalName == "table" && JoinedClasses(e).Contains("infobox", StringComparison.Ordinal);

    /// <summary><c>Reference.is_reference</c>: a reference-list item.</summary>
    public static bool IsReference(IElement e) =>
        e.LocalName == "li" && e.GetAttribute("id") is { } id && id.StartsWith("cite_note-", StringComparison.Ordinal);

    /// <summary><c>Citation.is_citation</c>: an in-text citation marker.</summary>
    public static bool IsCitation(IElement e) => e.LocalName == "sup" && TypeOfContains(e, "mw:Extension/ref");

    /// <summary><c>Media.is_media</c>: any element whose typeof starts with <c>mw:File</c>.</summary>
    public static bool IsMedia(IElement e) => e.GetAttribute("typeof") is { } t && t.StartsWith("mw:File", StringComparison.Ordinal);

    /// <summary><c>Media.get_media_type</c>: img before audio before video, searched among descendants.</summary>
    public static ParsoidElementKind GetMediaKind(IElement e) =>
        FirstDescendant(e, "img") is not null ? ParsoidElementKind.MediaImage
        : FirstDescendant(e, "audio") is not null ? ParsoidElementKind.MediaAudio
        : FirstDescendant(e, "video") is not null ? ParsoidElementKind.MediaVideo
        : ParsoidElementKind.MediaOther;

    /// <summary>The first descendant element with a tag name, in document order (BeautifulSoup's <c>find</c>).</summary>
    public static IElement? FirstDescendant(IElement e, string localName)
    {
        // By index: AngleSharp's NextSibling / NextElementSibling look the node up in its parent (linear), so a
        // sibling walk is quadratic in the number of siblings.
        var children = e.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement child)
            {
                continue;
            }

            if (child.LocalName == localName)
            {
                return child;
            }

            if (FirstDescendant(child, localName) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary><c>is_transcluded</c> for one element: an <c>about</c> id that Parsoid gives template output (<c>#mwt…</c>).</summary>
    public static bool HasTransclusionId(IElement e) => e.GetAttribute("about") is { } about && about.StartsWith("#mwt", StringComparison.Ordinal);

    /// <summary><c>is_transcluded</c>: the element or any ancestor carries a transclusion id.</summary>
    public static bool IsTranscluded(IElement e)
    {
        for (var p = e; p is not null; p = p.ParentElement)
        {
            if (HasTransclusionId(p))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a class-like attribute has the exact token.</summary>
    public static bool HasToken(string? value, string token)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var range in value.AsSpan().SplitAny(" \t\n\f\r"))
        {
            if (value.AsSpan()[range].SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The class tokens joined with no separator, as <c>"".join(tag["class"])</c> does.</summary>
    public static string JoinedClasses(IElement e) => e.GetAttribute("class") is { } c ? JoinTokens(c) : "";

    private static bool TypeOfContains(IElement e, string value) =>
        e.GetAttribute("typeof") is { } t && t.Contains(value, StringComparison.Ordinal);

    private static string JoinTokens(string value)
    {
        // Fast path: a single token (the common case) needs no allocation.
        var span = value.AsSpan().Trim(" \t\n\f\r");
        if (span.IndexOfAny(" \t\n\f\r") < 0)
        {
            return span.Length == value.Length ? value : span.ToString();
        }

        return string.Concat(value.Split([' ', '\t', '\n', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries));
    }
}
