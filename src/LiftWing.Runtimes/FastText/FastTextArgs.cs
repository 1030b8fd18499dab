namespace LiftWing.Runtimes.FastText;

/// <summary>The training arguments stored in a model header (fastText's <c>Args::save</c> order).</summary>
public sealed record FastTextArgs
{
    /// <summary>The vector size.</summary>
    public int Dim { get; init; }

    /// <summary>The context window (training only).</summary>
    public int WindowSize { get; init; }

    /// <summary>Epochs (training only).</summary>
    public int Epoch { get; init; }

    /// <summary>Minimum word count (training only).</summary>
    public int MinCount { get; init; }

    /// <summary>Negatives sampled (training only).</summary>
    public int Neg { get; init; }

    /// <summary>The longest word n-gram (1 = words only).</summary>
    public int WordNgrams { get; init; }

    /// <summary>The loss, which decides how labels are scored.</summary>
    public FastTextLossKind Loss { get; init; }

    /// <summary>The model kind.</summary>
    public FastTextModelKind Model { get; init; }

    /// <summary>The number of hash buckets for n-grams.</summary>
    public int Bucket { get; init; }

    /// <summary>The shortest character n-gram.</summary>
    public int MinN { get; init; }

    /// <summary>The longest character n-gram (0 = no subwords).</summary>
    public int MaxN { get; init; }

    /// <summary>Learning-rate update rate (training only).</summary>
    public int LrUpdateRate { get; init; }

    /// <summary>The sampling threshold (training only).</summary>
    public double SamplingThreshold { get; init; }
}
