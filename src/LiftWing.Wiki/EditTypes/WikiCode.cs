namespace LiftWing.Wiki.EditTypes;

/// <summary>A run of sibling nodes covering <c>[Start, End)</c> of the source.</summary>
public sealed class WikiCode
{
    internal static readonly WikiCode EmptyAt0 = new([], 0, 0);

    /// <summary>Creates a run of nodes.</summary>
    public WikiCode(IReadOnlyList<WikiNode> nodes, int start, int end)
    {
        Nodes = nodes;
        Start = start;
        End = end;
    }

    /// <summary>The nodes in source order.</summary>
    public IReadOnlyList<WikiNode> Nodes { get; }

    /// <summary>First source offset.</summary>
    public int Start { get; }

    /// <summary>Source offset one past the end.</summary>
    public int End { get; }

    /// <summary>Whether the run covers no source text.</summary>
    public bool IsEmpty => End <= Start;
}
