namespace LiftWing.Runtimes.FastText;

/// <summary>fastText's <c>model_name</c>, with its on-disk values.</summary>
public enum FastTextModelKind
{
    /// <summary>Unsupervised CBOW word vectors.</summary>
    Cbow = 1,

    /// <summary>Unsupervised skip-gram word vectors.</summary>
    SkipGram = 2,

    /// <summary>A supervised classifier (the only kind that predicts labels).</summary>
    Supervised = 3,
}
