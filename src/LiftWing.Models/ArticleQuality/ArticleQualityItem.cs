using LiftWing.Core.Errors;
using LiftWing.Wiki.ArticleFeatures;

namespace LiftWing.Models.ArticleQuality;

/// <summary>One article to score, as it moves through the stages; a batch item may instead carry its error.</summary>
internal sealed class ArticleQualityItem
{
    /// <summary>The language code (<c>en</c>); the wiki is <c>{lang}wiki</c>.</summary>
    public string Lang { get; init; } = "";

    /// <summary>The revision to fetch, for <c>rev_id</c> requests.</summary>
    public long? RevisionId { get; init; }

    /// <summary>The <c>rev_id</c> as sent when it was a string: Lift Wing echoes it as given.</summary>
    public string? RevisionIdText { get; init; }

    /// <summary>The HTML sent in the request, for <c>html</c> requests (disposed once its features are counted).</summary>
    public ArticleHtml? Html { get; set; }

    /// <summary>Whether <see cref="Html"/> already passed the element and depth caps (checked while keying the request).</summary>
    public bool ShapeChecked { get; set; }

    /// <summary>Whether the answer carries label and features.</summary>
    public bool ExtendedOutput { get; init; }

    /// <summary>The wiki's maxima.</summary>
    public FeatureMaxima? Maxima { get; init; }

    /// <summary>The features, once extracted.</summary>
    public ArticleFeatureSet Features { get; set; }

    /// <summary>The prediction, once made.</summary>
    public ArticleQualityPrediction? Prediction { get; set; }

    /// <summary>What went wrong with this item (batch items only; single requests throw).</summary>
    public LiftWingException? Error { get; set; }

    /// <summary>The wiki database name, e.g. <c>enwiki</c>.</summary>
    public string WikiDb => Lang + "wiki";
}
