namespace LiftWing.Models.ArticleQuality;

/// <summary>One wiki's normalisation maxima, already raised to their floors.</summary>
internal sealed record FeatureMaxima(
    double MaxLength,
    double MaxMedia,
    double MaxCategories,
    double MaxRefs,
    double MaxHeadings,
    double MaxLinks,
    double MaxSources)
{
    /// <summary>The TSV columns, in the order of the constructor.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["max_length", "max_media", "max_cats", "max_refs", "max_headings", "max_links", "max_srcs"];
}
