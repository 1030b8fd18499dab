namespace LiftWing.Wiki.EditTypes;

/// <summary>Node type names as mwedittypes reports them.</summary>
internal static class EditNodeTypes
{
    /// <summary>Template argument <c>{{{x}}}</c>.</summary>
    public const string Argument = "Argument";

    /// <summary>Category link.</summary>
    public const string Category = "Category";

    /// <summary>Non-whitespace-language character (ja, zh, th…), in place of <see cref="Word"/>.</summary>
    public const string Character = "Character";

    /// <summary>HTML comment (and <c>&lt;noinclude&gt;</c>).</summary>
    public const string Comment = "Comment";

    /// <summary>External link.</summary>
    public const string ExternalLink = "ExternalLink";

    /// <summary><c>&lt;gallery&gt;</c>.</summary>
    public const string Gallery = "Gallery";

    /// <summary>HTML entity.</summary>
    public const string HtmlEntity = "HTMLEntity";

    /// <summary>Section heading.</summary>
    public const string Heading = "Heading";

    /// <summary>List item marker.</summary>
    public const string List = "List";

    /// <summary>Image, video or audio.</summary>
    public const string Media = "Media";

    /// <summary>Any tag not otherwise classified (div, span is formatting, caption…).</summary>
    public const string OtherTag = "Other Tag";

    /// <summary>Paragraph of text.</summary>
    public const string Paragraph = "Paragraph";

    /// <summary>Punctuation character.</summary>
    public const string Punctuation = "Punctuation";

    /// <summary><c>&lt;ref&gt;</c>.</summary>
    public const string Reference = "Reference";

    /// <summary>Section (heading plus content up to the next heading).</summary>
    public const string Section = "Section";

    /// <summary>Sentence of at least two words.</summary>
    public const string Sentence = "Sentence";

    /// <summary>Table.</summary>
    public const string Table = "Table";

    /// <summary>Table row or cell.</summary>
    public const string TableElement = "Table Element";

    /// <summary>Template transclusion.</summary>
    public const string Template = "Template";

    /// <summary>Text node (never produced by the simple differ; kept for the feature layout).</summary>
    public const string Text = "Text";

    /// <summary>Bold, italic and formatting tags.</summary>
    public const string TextFormatting = "Text Formatting";

    /// <summary>Whitespace character.</summary>
    public const string Whitespace = "Whitespace";

    /// <summary>Internal link.</summary>
    public const string Wikilink = "Wikilink";

    /// <summary>Word.</summary>
    public const string Word = "Word";

    /// <summary>
    /// The 22 types of the revert-risk training data (KI <c>data_sample.csv</c> <c>actions</c> columns), in
    /// that file's order.
    /// </summary>
    public static IReadOnlyList<string> FeatureTypes { get; } =
    [
        Argument, Category, Comment, ExternalLink, Gallery, HtmlEntity, Heading, List, Media, Paragraph, Punctuation,
        Reference, Section, Sentence, Table, TableElement, Template, Text, TextFormatting, Whitespace, Wikilink, Word,
    ];
}
