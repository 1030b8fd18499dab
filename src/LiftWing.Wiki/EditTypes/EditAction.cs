namespace LiftWing.Wiki.EditTypes;

/// <summary>What happened to nodes of one type between two revisions.</summary>
public enum EditAction
{
    /// <summary>Nodes present in both revisions in different form (the overlap of removals and inserts).</summary>
    Change,

    /// <summary>Nodes only in the current revision.</summary>
    Insert,

    /// <summary>Nodes moved unchanged (the simple differ is order-blind and never reports moves; kept for the feature layout).</summary>
    Move,

    /// <summary>Nodes only in the parent revision.</summary>
    Remove,
}
