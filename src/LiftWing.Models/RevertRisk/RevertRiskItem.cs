namespace LiftWing.Models.RevertRisk;

/// <summary>One revision through the stages: its features (preprocess), its probability (predict), or why it failed.</summary>
internal sealed class RevertRiskItem(RevisionKey key)
{
    /// <summary>Which revision (revision id -1 for pre-save input).</summary>
    public RevisionKey Key { get; } = key;

    /// <summary>The feature vector, once computed.</summary>
    public float[]? Features { get; set; }

    /// <summary>The knowledge_integrity reason code when the revision could not be gathered.</summary>
    public string? Error { get; set; }

    /// <summary>P(reverted), after predict.</summary>
    public double Probability { get; set; }
}
