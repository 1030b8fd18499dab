namespace LiftWing.Runtimes.Onnx;

/// <summary>How an ONNX Runtime session is created (CPU execution provider).</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>
    /// Threads used inside one operator (matrix multiplies). 0 lets ONNX Runtime pick (one per physical core).
    /// The default is 0.
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Threads used to run independent operators in parallel; only used with <see cref="ParallelExecution"/>.
    /// The default is 1.
    /// </summary>
    public int InterOpThreads { get; set; } = 1;

    /// <summary>Run independent graph branches in parallel. The default is false (transformers are a chain).</summary>
    public bool ParallelExecution { get; set; }

    /// <summary>Apply every graph optimisation (constant folding, fusions). The default is true.</summary>
    public bool OptimizeGraph { get; set; } = true;

    /// <summary>
    /// Let the intra-op threads spin after their work. Spinning wins a little latency at the cost of CPU burnt
    /// between requests; off by default because the machines serve several models.
    /// </summary>
    public bool AllowSpinning { get; set; }
}
