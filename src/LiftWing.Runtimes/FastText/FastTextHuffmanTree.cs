namespace LiftWing.Runtimes.FastText;

/// <summary>
/// The hierarchical-softmax tree, built from label counts exactly as fastText's <c>buildTree</c> does (labels are
/// stored by descending count, so two cursors replace a priority queue). Leaves are labels 0..n-1, inner nodes
/// n..2n-2, the root is 2n-2; inner node i uses output row i-n.
/// </summary>
internal sealed class FastTextHuffmanTree
{
    public FastTextHuffmanTree(ReadOnlySpan<long> counts)
    {
        var osz = counts.Length;
        var size = Math.Max(1, (2 * osz) - 1);
        Left = new int[size];
        Right = new int[size];
        var count = new long[size];
        Array.Fill(Left, -1);
        Array.Fill(Right, -1);
        Array.Fill(count, (long)1e15);
        counts.CopyTo(count);
        var leaf = osz - 1;
        var node = osz;
        Span<int> mini = stackalloc int[2];
        for (var i = osz; i < (2 * osz) - 1; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                mini[j] = leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++;
            }

            Left[i] = mini[0];
            Right[i] = mini[1];
            count[i] = count[mini[0]] + count[mini[1]];
        }

        Root = (2 * osz) - 2;
        LabelCount = osz;
    }

    public int[] Left { get; }

    public int[] Right { get; }

    public int Root { get; }

    public int LabelCount { get; }

    public bool IsLeaf(int node) => Left[node] == -1 && Right[node] == -1;
}
