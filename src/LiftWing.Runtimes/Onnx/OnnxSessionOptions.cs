namespace LiftWing.Runtimes.Onnx;

/// <summary>How an ONNX Runtime session is created (CPU execution provider).</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>
    /// Threads used inside one operator (matrix multiplies). 0 is one per processor this process may use (see
    /// <see cref="ResolveIntraOpThreads"/>). The default is 0.
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// The intra-op thread count handed to ONNX Runtime: <paramref name="configured"/>, or for 0
    /// <see cref="Environment.ProcessorCount"/>. ONNX Runtime's own 0 counts the host's physical cores, ignoring a
    /// container's CPU limit, and pins each thread to one core; a pinned thread cannot move off a core that another
    /// process is using (on the shared 2-core machine MiniLM was faster unpinned in 7 of 9 interleaved rounds,
    /// docs/performance.md "Model hot paths, round 4"). An explicit count leaves placement to the scheduler; the floats
    /// are the same.
    /// </summary>
    public static int ResolveIntraOpThreads(int configured) => configured > 0 ? configured : Environment.ProcessorCount;

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
    /// Let the intra-op threads spin between the operators of a run instead of sleeping on a futex. A small-batch
    /// transformer run is a hundred short parallel sections, and waking a parked thread for each costs more than the
    /// work (about 1.5 ms of a 6 ms MiniLM sentence, docs/performance.md "Model hot paths, round 4"). Spinning stops
    /// as soon as the last concurrent run returns (ONNX Runtime's <c>session.force_spinning_stop</c>), so no CPU is
    /// burnt between requests. The default is false.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>
    /// ONNX Runtime's CPU memory arena (ONNX Runtime's default, on). <c>LIFTWING_ONNX_ARENA=0</c> turns it and
    /// <see cref="MemoryPattern"/> off; bench/footprint measures both side by side, and turning them off saved
    /// nothing measurable with every shipped model loaded (docs/performance.md, "Footprint"), so on stays the default.
    /// </summary>
    public bool CpuMemArena { get; set; } = ArenaAllowed;

    /// <summary>Pre-planned memory patterns per input shape (ONNX Runtime's default, on). See <see cref="CpuMemArena"/>.</summary>
    public bool MemoryPattern { get; set; } = ArenaAllowed;

    /// <summary>
    /// Allocate the weights (initializers) with the plain CPU allocator instead of the arena. The arena grows in
    /// power-of-two extensions, so weights that land in it drag unused headroom along and pin the arena's size for
    /// the session's life; outside it each weight is one exact block that is freed with the session. Only
    /// activations use the arena then. The default is true; <c>LIFTWING_ONNX_INITIALIZERS_IN_ARENA=1</c> restores
    /// ONNX Runtime's own behaviour (bench/footprint measures both).
    /// </summary>
    public bool InitializersOutsideArena { get; set; } = Environment.GetEnvironmentVariable("LIFTWING_ONNX_INITIALIZERS_IN_ARENA") != "1";

    /// <summary>
    /// A run whose inputs hold at least this many elements gives the arena's growth back when it ends (ONNX Runtime's
    /// <c>memory.enable_memory_arena_shrinkage</c>). Activations grow much faster than inputs (a transformer's
    /// attention with the square of the sequence), so one large request would otherwise pin hundreds of MiB in the
    /// arena for the session's life; small runs keep the arena as it is, so the common path pays nothing. 0 turns
    /// shrinking off. Only applies with <see cref="CpuMemArena"/>. The default is 16,384 (e.g. 64 sentences of 256
    /// tokens, or a 128×128 image).
    /// </summary>
    public long ShrinkArenaFromElements { get; set; } = 16_384;

    /// <summary>Tells ONNX Runtime to give the CPU arena's growth back at the end of this run.</summary>
    internal static void ShrinkArenaAfterRun(Microsoft.ML.OnnxRuntime.RunOptions runOptions) =>
        runOptions.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");

    private static bool ArenaAllowed => Environment.GetEnvironmentVariable("LIFTWING_ONNX_ARENA") != "0";

    /// <summary>
    /// Applies <see cref="AllowSpinning"/> to ONNX Runtime's options: spinning, when on, only while a run is in
    /// progress (one place for every session LiftWing creates).
    /// </summary>
    public void ApplySpinning(Microsoft.ML.OnnxRuntime.SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", AllowSpinning ? "1" : "0");
        if (AllowSpinning)
        {
            options.AddSessionConfigEntry("session.force_spinning_stop", "1");
        }
    }

    /// <summary>Applies the memory settings to ONNX Runtime's options (one place for every session LiftWing creates).</summary>
    public void ApplyMemorySettings(Microsoft.ML.OnnxRuntime.SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnableCpuMemArena = CpuMemArena;
        options.EnableMemoryPattern = MemoryPattern;
        options.AddSessionConfigEntry("session.use_device_allocator_for_initializers", InitializersOutsideArena ? "1" : "0");
    }
}
