namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// What mwparserfromhtml's <c>_tag_to_element</c> calls an element: the kind that decides whether its text
/// is part of the article's plain text. <see cref="None"/> is a plain HTML element with no wiki meaning.
/// </summary>
internal enum ParsoidElementKind
{
    None,
    Section,
    Heading,
    Category,
    Wikilink,
    ExternalLink,
    Wikitable,
    Messagebox,
    Infobox,
    Table,
    MediaImage,
    MediaAudio,
    MediaVideo,
    MediaOther,
    Navigation,
    Note,
    Reference,
    Citation,
    List,
    Math,
    Superscript,
    OtherTextFormatting,
}
