using System.ComponentModel.DataAnnotations;

namespace LiftWing.Server;

/// <summary>Process memory settings. Bound from <c>LiftWing:Memory</c> (e.g. <c>--LiftWing:Memory:HeapHardLimitMB=1024</c>).</summary>
public sealed class MemoryOptions
{
    /// <summary>
    /// A hard limit for the managed heap in MiB (0: none, the default). Applied at start-up with
    /// <c>GC.RefreshMemoryLimit</c>; past it the GC collects harder and an allocation that still does not fit
    /// fails that request (500) instead of the machine running out of memory.
    /// </summary>
    [Range(0, 1024 * 1024)]
    public int HeapHardLimitMB { get; set; }

    /// <summary>
    /// How often the idle check runs: after an interval that allocated more than <see cref="BurstBytes"/>, the
    /// first quiet interval runs one compacting collection that returns the free memory to the OS (without
    /// allocations the GC never runs, so a burst's memory would stay). The default is 10 seconds; zero disables it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IdleTrimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Allocation in one interval that counts as a burst (and, below it, as quiet). The default is 64 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long BurstBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Native blocks of at least this many KiB get their own mapping from glibc malloc, which goes back to the OS
    /// when the block is freed (0 leaves glibc's sliding threshold, which climbs to 32 MiB after the first large free
    /// and then keeps freed model-load and tensor buffers resident). Set before the models load. The default is 128
    /// (glibc's own starting value, now fixed); the largest is 32768 (glibc's cap).
    /// </summary>
    [Range(0, 32 * 1024)]
    public int MallocMmapThresholdKB { get; set; } = 128;

    /// <summary>
    /// Once the start-up models have loaded, run one compacting collection and hand free native pages back
    /// (<c>malloc_trim</c>): loading leaves hundreds of MiB of freed model bytes behind (file buffers, protobuf
    /// copies, graph rewrites) that nothing else would reclaim while the server is idle. The default is true.
    /// </summary>
    public bool TrimAfterLoad { get; set; } = true;
}
