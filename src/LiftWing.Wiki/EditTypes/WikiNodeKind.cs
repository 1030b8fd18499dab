namespace LiftWing.Wiki.EditTypes;

/// <summary>The kinds of wikitext node the parser produces (the node classes of mwparserfromhell).</summary>
public enum WikiNodeKind
{
    /// <summary>Plain text between other nodes.</summary>
    Text,

    /// <summary><c>{{name|param|key=value}}</c>.</summary>
    Template,

    /// <summary><c>{{{name|default}}}</c>.</summary>
    Argument,

    /// <summary><c>[[title|text]]</c>, including media and category links.</summary>
    Wikilink,

    /// <summary><c>[url title]</c> or a free URL.</summary>
    ExternalLink,

    /// <summary><c>&lt;!-- ... --&gt;</c>.</summary>
    Comment,

    /// <summary><c>&amp;name;</c>, <c>&amp;#123;</c>, <c>&amp;#x7B;</c>.</summary>
    HtmlEntity,

    /// <summary><c>== title ==</c> at the start of a line.</summary>
    Heading,

    /// <summary>An HTML-like tag or its wiki markup (lists, tables, <c>----</c>).</summary>
    Tag,
}
