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
}
