namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// The raw features of the language-agnostic article-quality model, in Lift Wing's <c>feature_order</c>:
/// characters, refs, wikilinks, categories, media, headings, sources, infobox, messagebox.
/// </summary>
/// <param name="Characters">Code points of the article's own paragraph text (paragraphs stripped, joined with a newline).</param>
/// <param name="Refs">In-text citations (<c>sup[typeof~=mw:Extension/ref]</c>), transcluded ones included.</param>
/// <param name="Wikilinks">Non-transcluded wikilinks whose href does not end with <c>redlink=1</c>.</param>
/// <param name="Categories">Non-transcluded category links.</param>
/// <param name="Media">Images over 10,000 px², plus videos, plus audio.</param>
/// <param name="Headings">Headings of level 2 and 3.</param>
/// <param name="Sources">Unique sources: reference-list items (<c>li[id^=cite_note-]</c>).</param>
/// <param name="Infobox">An infobox table is a direct child of the first section.</param>
/// <param name="Messagebox">A message-box table (class containing <c>mbox</c>) is anywhere on the page.</param>
public readonly record struct ArticleFeatureSet(
    int Characters,
    int Refs,
    int Wikilinks,
    int Categories,
    int Media,
    int Headings,
    int Sources,
    bool Infobox,
    bool Messagebox);
