namespace LiftWing.Runtimes.Gbdt;

/// <summary>
/// One regression tree in array form (the layout ML.NET and LightGBM use): internal node <c>i</c> sends a row left
/// when <c>x[SplitFeature[i]] &lt;= Threshold[i]</c>, otherwise right; a negative child <c>c</c> is leaf <c>~c</c>.
/// A NaN feature value fails the comparison and goes right.
/// </summary>
public sealed class RegressionTree
{
    /// <summary>Creates a tree; <see cref="Validate"/> checks the arrays agree.</summary>
    public RegressionTree(int[] splitFeature, float[] threshold, int[] leftChild, int[] rightChild, double[] leafValue)
    {
        SplitFeature = splitFeature;
        Threshold = threshold;
        LeftChild = leftChild;
        RightChild = rightChild;
        LeafValue = leafValue;
    }

    /// <summary>Feature index tested at each internal node.</summary>
    public int[] SplitFeature { get; }

    /// <summary>Threshold at each internal node.</summary>
    public float[] Threshold { get; }

    /// <summary>Left (≤) child of each internal node; negative = leaf <c>~child</c>.</summary>
    public int[] LeftChild { get; }

    /// <summary>Right (&gt;) child of each internal node; negative = leaf <c>~child</c>.</summary>
    public int[] RightChild { get; }

    /// <summary>Output of each leaf.</summary>
    public double[] LeafValue { get; }

    /// <summary>The leaf output for one row.</summary>
    public double Evaluate(ReadOnlySpan<float> features)
    {
        if (SplitFeature.Length == 0)
        {
            return LeafValue[0];
        }

        var node = 0;
        // Validate() guarantees every path ends in a leaf within SplitFeature.Length steps.
        while (node >= 0)
        {
            node = features[SplitFeature[node]] <= Threshold[node] ? LeftChild[node] : RightChild[node];
        }

        return LeafValue[~node];
    }

    /// <summary>Checks array lengths, index ranges and that no path loops; throws <see cref="InvalidDataException"/>.</summary>
    public void Validate(int featureCount)
    {
        var nodes = SplitFeature.Length;
        if (Threshold.Length != nodes || LeftChild.Length != nodes || RightChild.Length != nodes)
        {
            throw new InvalidDataException("tree arrays split_feature/threshold/left_child/right_child differ in length");
        }

        if (LeafValue.Length != nodes + 1)
        {
            throw new InvalidDataException($"a tree with {nodes} internal nodes needs {nodes + 1} leaves, found {LeafValue.Length}");
        }

        var seen = new bool[nodes];
        for (var i = 0; i < nodes; i++)
        {
            if ((uint)SplitFeature[i] >= (uint)featureCount)
            {
                throw new InvalidDataException($"split feature {SplitFeature[i]} out of range (0..{featureCount - 1})");
            }

            foreach (var child in new[] { LeftChild[i], RightChild[i] })
            {
                if (child >= 0)
                {
                    // A binary tree: every internal node except the root has exactly one parent.
                    if (child >= nodes || child == 0 || seen[child])
                    {
                        throw new InvalidDataException($"bad child index {child} at node {i}");
                    }

                    seen[child] = true;
                }
                else if (~child >= LeafValue.Length)
                {
                    throw new InvalidDataException($"bad leaf index {~child} at node {i}");
                }
            }
        }
    }
}
