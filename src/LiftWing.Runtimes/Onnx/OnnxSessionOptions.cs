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

    /// <summary>
    /// ONNX Runtime's CPU memory arena. Off by default: the arena keeps the largest request's buffers for the
    /// life of the process (measured in docs/performance.md, "Footprint"). <c>LIFTWING_ONNX_ARENA=1</c> turns it
    /// and <see cref="MemoryPattern"/> back on, which bench/footprint uses to measure both side by side.
    /// </summary>
    public bool CpuMemArena { get; set; } = ArenaRequested;

    /// <summary>Pre-planned memory patterns per input shape (cached per shape, so they grow with varied shapes). Off by default.</summary>
    public bool MemoryPattern { get; set; } = ArenaRequested;

    private static bool ArenaRequested => Environment.GetEnvironmentVariable("LIFTWING_ONNX_ARENA") == "1";

    /// <summary>Applies the memory settings to ONNX Runtime's options (one place for every session LiftWing creates).</summary>
    public void ApplyMemorySettings(Microsoft.ML.OnnxRuntime.SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnableCpuMemArena = CpuMemArena;
        options.EnableMemoryPattern = MemoryPattern;
    }
}
