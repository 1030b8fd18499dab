namespace LiftWing.Wiki.RevertRisk;

/// <summary>
/// The mwedittypes node types and actions the revert-risk features count, in the order of the
/// knowledge_integrity training data (<c>{action}_{NodeType}</c>, e.g. <c>insert_Wikilink</c>).
/// </summary>
public static class EditTypeNames
{
    /// <summary>Node types, as mwedittypes names them.</summary>
    public static IReadOnlyList<string> NodeTypes { get; } =
    [
        "Argument", "Category", "Comment", "ExternalLink", "Gallery", "HTMLEntity", "Heading", "List", "Media",
        "Paragraph", "Punctuation", "Reference", "Section", "Sentence", "Table", "Table Element", "Template", "Text",
        "Text Formatting", "Whitespace", "Wikilink", "Word",
    ];

    /// <summary>Edit actions, as mwedittypes names them.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["change", "insert", "move", "remove"];

    /// <summary>All <c>{action}_{NodeType}</c> names: node type major, action minor (88 names).</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. NodeTypes.SelectMany(type => Actions.Select(action => Key(action, type)))];

    /// <summary>The feature name for an action on a node type.</summary>
    public static string Key(string action, string nodeType) => $"{action}_{nodeType}";
}
