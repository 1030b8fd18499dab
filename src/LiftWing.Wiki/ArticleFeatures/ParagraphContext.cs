namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>Where a node sits relative to the <c>p</c> children of its section (mwparserfromhtml's <c>para_context</c>).</summary>
internal enum ParagraphContext
{
    /// <summary>Not under any section (Python's <c>None</c>).</summary>
    None,

    /// <summary>Before the section's first paragraph (or the section has none).</summary>
    PreFirstParagraph,

    /// <summary>Inside a <c>p</c> that is a direct child of the section.</summary>
    InParagraph,

    /// <summary>Between the first and the last paragraph, but not in one (lists, figures, tables...).</summary>
    BetweenParagraphs,

    /// <summary>After the last paragraph.</summary>
    PostLastParagraph,
}
