namespace LiftWing.Models.ArticleQuality;

/// <summary>What preprocess hands to predict: one item, or an <c>instances</c> batch in input order.</summary>
internal sealed record ArticleQualityInput(IReadOnlyList<ArticleQualityItem> Items, bool IsBatch);
