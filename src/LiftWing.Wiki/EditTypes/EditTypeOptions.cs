namespace LiftWing.Wiki.EditTypes;

/// <summary>Language and resource limits for <see cref="EditTypeDiffer"/>.</summary>
internal sealed class EditTypeOptions
{
    /// <summary>Defaults: English, limits below.</summary>
    public static EditTypeOptions Default { get; } = new();

    /// <summary>
    /// Wikipedia language code (<c>en</c>, <c>ja</c>…). Picks the local media/category namespace names and,
    /// for languages written without spaces, counts characters instead of words. Default <c>en</c>.
    /// </summary>
    public string Language { get; init; } = "en";

    /// <summary>
    /// Longest wikitext read, in UTF-16 units; longer text is cut (and <see cref="EditTypeCounts.Truncated"/>
    /// set). Default 2,500,000: above MediaWiki's 2 MiB page limit, so real pages are never cut.
    /// </summary>
    public int MaxWikitextLength { get; init; } = 2_500_000;

    /// <summary>
    /// Parser step budget per input character. Normal pages use 1-3; once spent, the rest of the page is read
    /// as plain text, which bounds hostile input (thousands of unclosed <c>{{</c>) to linear time. Default 20.
    /// </summary>
    public int ParseStepsPerChar { get; init; } = 20;

    /// <summary>Deepest nesting of templates, links and tags parsed; deeper openings are text. Default 40.</summary>
    public int MaxNestingDepth { get; init; } = 40;
}
