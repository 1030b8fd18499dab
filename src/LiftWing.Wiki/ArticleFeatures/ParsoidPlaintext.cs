using System.Text;
using AngleSharp.Dom;

namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// The article's own paragraph text, as Lift Wing's articlequality gets it from mwparserfromhtml:
/// <c>get_plaintext(exclude_transcluded_paragraphs=True, exclude_para_context={pre-first-para, between-paras,
/// post-last-para}, exclude_elements={Category, Citation, Comment, Heading, Infobox, Math, Media-audio,
/// Media-img, Media-video, Messagebox, Navigational, Note, Reference, TF-sup, Table, Wikitable})</c>.
/// </summary>
/// <remarks>
/// A port of the library's depth-first walk (<c>html_to_plaintext</c>) and its paragraph state machine
/// (<c>to_plaintext</c>), run once over <c>body</c>. Kept as in the library, because they change the counts:
/// <list type="bullet">
/// <item>"Navigational" and "Comment" never match an element kind, so navigation boxes are only dropped by
/// their paragraph context and comments contribute their (empty) text.</item>
/// <item>Only text directly under a section's <c>p</c> children survives the context filter; a newline text
/// node directly under a section ends a paragraph; a change of context also ends one.</item>
/// <item>A paragraph is dropped when every non-blank piece of it is transcluded (template output).</item>
/// <item>BeautifulSoup's <c>.text</c> of a comment or of a string inside style, script, template, rt or rp is
/// empty, but the node still moves the state machine.</item>
/// </list>
/// </remarks>
internal sealed class ParsoidPlaintext
{
    private readonly List<string> _paragraphs = [];
    private readonly StringBuilder _current = new();
    private bool _transcludedParagraph = true;
    private ParagraphContext _previous = ParagraphContext.PreFirstParagraph;
    private CancellationToken _cancellation;
    private int _visited;

    [Flags]
    private enum Ancestry
    {
        None = 0,
        Section = 1,
        Other = 2,
        Excluded = 4,
        StringContainer = 8,
    }

    /// <summary>The kept paragraphs, not yet stripped, in document order.</summary>
    public static IReadOnlyList<string> Paragraphs(IElement root, CancellationToken cancellationToken = default)
    {
        var walker = new ParsoidPlaintext { _cancellation = cancellationToken };
        walker.Walk(root, transcluded: false, Ancestry.None, ParagraphContext.None);
        walker.Flush();
        return walker._paragraphs;
    }

    private void Walk(IElement parent, bool transcluded, Ancestry ancestry, ParagraphContext context)
    {
        if (++_visited % ParsoidFeatureExtractor.CancellationStride == 0)
        {
            _cancellation.ThrowIfCancellationRequested();
        }

        var kind = ParsoidElements.Classify(parent);
        if (kind == ParsoidElementKind.Section)
        {
            ancestry |= Ancestry.Section;
        }
        else if (kind != ParsoidElementKind.None)
        {
            ancestry |= Ancestry.Other;
        }

        if (IsExcluded(kind))
        {
            ancestry |= Ancestry.Excluded;
        }

        // The library appends these class markers to the type list too, which spoils the "only sections" test.
        if (parent.GetAttribute("class") is { } cls && (ParsoidElements.HasToken(cls, "nomobile") || ParsoidElements.HasToken(cls, "noprint")))
        {
            ancestry |= Ancestry.Other;
        }

        if (parent.LocalName is "style" or "script" or "template" or "rt" or "rp")
        {
            ancestry |= Ancestry.StringContainer;
        }

        var sectionLayer = kind == ParsoidElementKind.Section;
        int first = -1, last = -1;
        // By index: AngleSharp's NextSibling is linear in the sibling count, so sibling walks were quadratic.
        var children = parent.ChildNodes;
        var count = children.Length;
        if (sectionLayer)
        {
            for (var j = 0; j < count; j++)
            {
                if (children[j] is IElement { LocalName: "p" })
                {
                    if (first < 0)
                    {
                        first = j;
                    }

                    last = j;
                }
            }
        }

        for (var i = 0; i < count; i++)
        {
            var child = children[i];
            if (sectionLayer)
            {
                context = first < 0 || i < first ? ParagraphContext.PreFirstParagraph
                    : child is IElement { LocalName: "p" } ? ParagraphContext.InParagraph
                    : i <= last ? ParagraphContext.BetweenParagraphs
                    : ParagraphContext.PostLastParagraph;
            }

            if (child is IElement element)
            {
                Walk(element, transcluded || ParsoidElements.HasTransclusionId(element), ancestry, context);
            }
            else
            {
                var text = child is IText t && (ancestry & Ancestry.StringContainer) == 0 ? t.Data : "";
                OnText(text, transcluded, ancestry, context);
            }
        }
    }

    private void OnText(string text, bool transcluded, Ancestry ancestry, ParagraphContext context)
    {
        if ((ancestry & Ancestry.Excluded) != 0)
        {
            _previous = context;
        }
        else if (text == "\n" && (ancestry & (Ancestry.Section | Ancestry.Other)) == Ancestry.Section)
        {
            // A paragraph break: a newline directly between a section's blocks.
            Flush();
            _current.Clear();
            _transcludedParagraph = true;
            _previous = context;
        }
        else if (context is ParagraphContext.PreFirstParagraph or ParagraphContext.BetweenParagraphs or ParagraphContext.PostLastParagraph)
        {
            _previous = context;
        }
        else if (context != _previous)
        {
            Flush();
            _current.Clear().Append(text);
            _transcludedParagraph = transcluded || !PythonText.HasNonWhiteSpace(text);
            _previous = context;
        }
        else
        {
            _current.Append(text);
            _previous = context;
            if (!transcluded && PythonText.HasNonWhiteSpace(text))
            {
                _transcludedParagraph = false;
            }
        }
    }

    private void Flush()
    {
        if (_transcludedParagraph)
        {
            return;
        }

        foreach (var chunk in _current.GetChunks())
        {
            if (PythonText.HasNonWhiteSpace(chunk.Span))
            {
                _paragraphs.Add(_current.ToString());
                return;
            }
        }
    }

    private static bool IsExcluded(ParsoidElementKind kind) => kind is ParsoidElementKind.Category
        or ParsoidElementKind.Citation
        or ParsoidElementKind.Heading
        or ParsoidElementKind.Infobox
        or ParsoidElementKind.Math
        or ParsoidElementKind.MediaAudio
        or ParsoidElementKind.MediaImage
        or ParsoidElementKind.MediaVideo
        or ParsoidElementKind.Messagebox
        or ParsoidElementKind.Note
        or ParsoidElementKind.Reference
        or ParsoidElementKind.Superscript
        or ParsoidElementKind.Table
        or ParsoidElementKind.Wikitable;
}
