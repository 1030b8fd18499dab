using System.ComponentModel.DataAnnotations;

namespace LiftWing.Models.ArticleQuality;

/// <summary>The <c>options:</c> of an articlequality model.yaml (snake_case keys).</summary>
internal sealed class ArticleQualityOptions
{
    /// <summary>Where revision HTML comes from: <c>live</c> (the default) or <c>fixtures:DIR</c> (relative to the model folder).</summary>
    [Required]
    public string Source { get; set; } = "live";

    /// <summary>
    /// The per-wiki feature maxima table (Lift Wing's feature_values.tsv), relative to the model folder. When unset
    /// (the default), the <c>feature_values</c> artifact, else <c>feature_values.tsv</c> in the model folder.
    /// </summary>
    public string? MaximaPath { get; set; }

    /// <summary>An internal MediaWiki endpoint used with a Host header; when unset, the <c>WIKI_URL</c> environment variable, else the public wikis.</summary>
    public string? WikiUrl { get; set; }

    /// <summary>The User-Agent of HTML fetches.</summary>
    public string UserAgent { get; set; } = "LiftWing articlequality model";

    /// <summary>The limit for one fetch attempt, in seconds. The default is 5.</summary>
    [Range(0.001, 3600)]
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>The most items in one <c>instances</c> request. The default is 50.</summary>
    [Range(1, 10_000)]
    public int MaxInstances { get; set; } = 50;

    /// <summary>How many revisions of one batch are fetched at the same time. The default is 4.</summary>
    [Range(1, 256)]
    public int BatchConcurrency { get; set; } = 4;

    /// <summary>The largest HTML accepted, fetched or sent in a request, in bytes (UTF-8). The default is 20 MiB.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxHtmlBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// The most elements in one HTML (sent or fetched); more is a 400 before parsing. The default is 100,000,
    /// several times the largest articles' Parsoid HTML, and bounds one page's parse and walks well under a second.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxHtmlElements { get; set; } = 100_000;

    /// <summary>The deepest element nesting in one HTML; deeper is a 400 before parsing. The default is 256 (Parsoid pages nest a few dozen deep).</summary>
    [Range(1, 100_000)]
    public int MaxHtmlDepth { get; set; } = 256;
}
