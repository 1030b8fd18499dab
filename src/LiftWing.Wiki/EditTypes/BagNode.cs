namespace LiftWing.Wiki.EditTypes;

/// <summary>One node in a <see cref="WikitextBag"/>: its type, its wikitext (the identity), and where it came from.</summary>
internal sealed class BagNode
{
    public BagNode(string type, string text, int section, WikiNode? node = null, string? source = null)
    {
        Type = type;
        Text = text;
        Section = section;
        Node = node;
        Source = source;
    }

    public string Type { get; }

    public string Text { get; }

    /// <summary>Index of the section the node belongs to.</summary>
    public int Section { get; }

    /// <summary>The parsed node, when there is one to expand (synthetic formatting and nested media have none).</summary>
    public WikiNode? Node { get; }

    /// <summary>The text <see cref="Node"/>'s offsets refer to.</summary>
    public string? Source { get; }
}
