using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// Computes the article-quality features from a revision's Parsoid HTML
/// (<c>GET /w/rest.php/v1/revision/{id}/html</c>), following Lift Wing's <c>get_article_features</c> on top
/// of mwparserfromhtml 1.0. The HTML is parsed with a real HTML5 parser (AngleSharp). See
/// <c>docs/articlequality.md</c> for each counting rule and where this port may differ from the Python one.
/// </summary>
public static class ParsoidFeatureExtractor
{
    /// <summary>Images at or below this area (height × width, in px²) are icons and do not count as media.</summary>
    public const long MaxIconPixelArea = 100 * 100;

    // HtmlParser keeps no per-document state, so one instance serves every thread. Source positions are neither kept
    // nor tracked: nothing reads them, and tracking costs per character of a 100 kB page (issue 21).
    private static readonly HtmlParser s_parser = new(new HtmlParserOptions { IsKeepingSourceReferences = false, DisableElementPositionTracking = true });

    /// <summary>How often (in elements visited) the walks check for cancellation.</summary>
    internal const int CancellationStride = 1024;

    /// <summary>Parses the HTML and computes the nine features.</summary>
    public static ArticleFeatureSet Extract(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        cancellationToken.ThrowIfCancellationRequested();
        using var document = s_parser.ParseDocument(html);
        return Extract(document, cancellationToken);
    }

    /// <summary>
    /// <see cref="Extract(string,CancellationToken)"/> over characters that need not be a string (a pooled buffer, so a
    /// large page is not one more large-object-heap string per request). The tree keeps slices of
    /// <paramref name="html"/> only while this runs; the caller may reuse the buffer once it returns.
    /// </summary>
    public static ArticleFeatureSet Extract(ReadOnlyMemory<char> html, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var document = s_parser.ParseDocument(html);
        return Extract(document, cancellationToken);
    }

    /// <summary>Computes the nine features of a parsed document; the walks stop when <paramref name="cancellationToken"/> fires.</summary>
    public static ArticleFeatureSet Extract(IDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Counts { Cancellation = cancellationToken };
        if (document.DocumentElement is { } root)
        {
            Count(root, ParsoidElements.HasTransclusionId(root), ref counts);
        }

        return new ArticleFeatureSet(
            Characters: CharacterCount(document, cancellationToken),
            Refs: counts.Refs,
            Wikilinks: counts.Wikilinks,
            Categories: counts.Categories,
            Media: counts.Images + counts.Videos + counts.Audio,
            Headings: counts.Headings,
            Sources: counts.Sources,
            Infobox: HasLeadInfobox(document),
            Messagebox: counts.Messageboxes > 0);
    }

    /// <summary>The article's own plain text: the kept paragraphs, each stripped, joined with a newline.</summary>
    public static string Plaintext(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = s_parser.ParseDocument(html);
        return document.Body is { } body ? PythonText.JoinStripped(ParsoidPlaintext.Paragraphs(body, cancellationToken)) : "";
    }

    private static int CharacterCount(IDocument document, CancellationToken cancellationToken)
    {
        if (document.Body is not { } body)
        {
            return 0;
        }

        var paragraphs = ParsoidPlaintext.Paragraphs(body, cancellationToken);
        if (paragraphs.Count == 0)
        {
            return 0;
        }

        // len("\n".join(p.strip() for p in paragraphs)), in code points.
        var n = paragraphs.Count - 1;
        foreach (var p in paragraphs)
        {
            n += PythonText.CodePointLength(PythonText.Strip(p));
        }

        return n;
    }

    /// <summary><c>get_infobox</c>: only the direct children of the first <c>section</c> are looked at.</summary>
    private static bool HasLeadInfobox(IDocument document)
    {
        var lead = document.DocumentElement is { } root ? ParsoidElements.FirstDescendant(root, "section") : null;
        if (lead is null)
        {
            return false;
        }

        var children = lead.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement child && ParsoidElements.IsInfobox(child))
            {
                return true;
            }
        }

        return false;
    }

    private static void Count(IElement element, bool transcluded, ref Counts counts)
    {
        if (++counts.Visited % CancellationStride == 0)
        {
            counts.Cancellation.ThrowIfCancellationRequested();
        }

        switch (element.LocalName)
        {
            case "sup" when ParsoidElements.IsCitation(element):
                counts.Refs++;
                break;
            case "a" when !transcluded && ParsoidElements.IsWikilink(element)
                && !(element.GetAttribute("href") ?? "").EndsWith("redlink=1", StringComparison.Ordinal):
                counts.Wikilinks++;
                break;
            case "link" when !transcluded && ParsoidElements.IsCategory(element):
                counts.Categories++;
                break;
            case "h2" or "h3":
                counts.Headings++;
                break;
            case "li" when ParsoidElements.IsReference(element):
                counts.Sources++;
                break;
            case "table" when ParsoidElements.IsMessagebox(element):
                counts.Messageboxes++;
                break;
        }

        if (ParsoidElements.IsMedia(element))
        {
            CountMedia(element, ref counts);
        }

        // By index: AngleSharp's NextElementSibling is linear in the sibling count (quadratic walks).
        var children = element.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IElement child)
            {
                Count(child, transcluded || ParsoidElements.HasTransclusionId(child), ref counts);
            }
        }
    }

    private static void CountMedia(IElement element, ref Counts counts)
    {
        if (ParsoidElements.FirstDescendant(element, "img") is { } img)
        {
            // Media(): height and width of the first img, -1 when absent; only images above icon size count.
            if (Dimension(img, "height") * Dimension(img, "width") > MaxIconPixelArea)
            {
                counts.Images++;
            }
        }
        else if (ParsoidElements.FirstDescendant(element, "audio") is not null)
        {
            counts.Audio++;
        }
        else if (ParsoidElements.FirstDescendant(element, "video") is not null)
        {
            counts.Videos++;
        }
    }

    /// <summary>Python's <c>int(attr)</c> with -1 for a missing attribute; an unparsable one also counts as -1 (Python would raise).</summary>
    private static long Dimension(IElement img, string name) =>
        img.GetAttribute(name) is { } v
        && long.TryParse(v, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : -1;

    private struct Counts
    {
        public int Refs;
        public int Wikilinks;
        public int Categories;
        public int Images;
        public int Videos;
        public int Audio;
        public int Headings;
        public int Sources;
        public int Messageboxes;
        public int Visited;
        public CancellationToken Cancellation;
    }
}
