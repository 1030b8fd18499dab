namespace LiftWing.Runtimes.FastText;

/// <summary>fastText's <c>loss_name</c>, with its on-disk values.</summary>
public enum FastTextLossKind
{
    /// <summary>Hierarchical softmax over a Huffman tree of the label counts.</summary>
    HierarchicalSoftmax = 1,

    /// <summary>Negative sampling (prediction: independent sigmoids).</summary>
    NegativeSampling = 2,

    /// <summary>Softmax.</summary>
    Softmax = 3,

    /// <summary>One-vs-all (prediction: independent sigmoids).</summary>
    OneVsAll = 4,
}
