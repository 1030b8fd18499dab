using AngleSharp.Html.Parser.Tokens.Struct;

namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// Which attributes the feature parser stores. Parsoid HTML is heavy with attributes nothing here reads (a 100 kB page
/// carries 17 kB of <c>data-mw</c> JSON, 10 kB of <c>title</c>); the tokenizer still scans them, but building their
/// values and the elements' attribute lists is skipped (issue 21). Kept: every attribute the counts and the plaintext
/// walk read, every attribute HTML5 tree construction reads (so the tree is the same), and all attributes of the
/// formatting elements, whose attributes decide which of them the parser reopens and clones ("Noah's Ark").
/// </summary>
internal static class ParsoidAttributeFilter
{
    // Read by ParsoidElements and the walks.
    private static readonly HashSet<string> s_read = new(StringComparer.Ordinal)
    {
        "about", "typeof", "role", "class", "rel", "id", "href", "height", "width",
        // Read by tree construction: input type=hidden in tables, font color/face/size and annotation-xml encoding in
        // foreign content, meta charset/http-equiv/content (a change of encoding), declarative shadow roots.
        "type", "color", "face", "size", "encoding", "charset", "http-equiv", "content",
        "shadowrootmode", "shadowrootdelegatesfocus", "shadowrootclonable", "shadowrootserializable",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_readNames = s_read.GetAlternateLookup<ReadOnlySpan<char>>();

    // The HTML5 formatting elements (the list of active formatting elements holds these, attributes included).
    private static readonly HashSet<string> s_formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_formattingNames = s_formatting.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>AngleSharp's <c>ShouldEmitAttribute</c>: names arrive lower-cased, as the tokenizer stores them.</summary>
    public static bool ShouldKeep(ref StructHtmlToken token, ReadOnlyMemory<char> name) =>
        s_readNames.Contains(name.Span) || s_formattingNames.Contains(token.Name.Memory.Span);
}
