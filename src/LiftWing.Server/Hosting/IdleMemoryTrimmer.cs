using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Hosting;

/// <summary>
/// Gives memory back at two moments nothing else would. Once the start-up models have loaded (loading frees
/// hundreds of MiB of file buffers and graph copies, managed and native, that would otherwise stay resident), and
/// after a burst: the GC only runs when something allocates, so after a burst of large requests an idle server
/// would keep its grown heap (and RSS) indefinitely. When an interval that allocated a lot is followed by a quiet
/// one, this runs a single aggressive, compacting collection (large objects included), which decommits the free
/// managed memory, then asks glibc to return its free native pages. The pause happens only while the server is idle.
/// </summary>
internal sealed partial class IdleMemoryTrimmer(IOptions<MemoryOptions> options, StartupState startup, TimeProvider time, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    private int _trims;

    /// <summary>How many trims have run (for tests).</summary>
    internal int Trims => Volatile.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        try
        {
            if (o.TrimAfterLoad)
            {
                await startup.WhenLoaded.WaitAsync(stoppingToken).ConfigureAwait(false);
                var (before, after) = Trim();
                LogTrimmedAfterLoad(logger, before, after);
            }

            if (o.IdleTrimInterval > TimeSpan.Zero)
            {
                await TrimAfterBurstsAsync(o, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TrimAfterBurstsAsync(MemoryOptions o, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(o.IdleTrimInterval, time);
        var last = GC.GetTotalAllocatedBytes();
        var burst = false;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = GC.GetTotalAllocatedBytes();
            var allocated = now - last;
            last = now;
            if (allocated > o.BurstBytes)
            {
                burst = true;
                continue;
            }

            if (burst)
            {
                burst = false;
                var (before, after) = Trim();
                LogTrimmed(logger, before, after);
            }
        }
    }

    /// <summary>One compacting collection, then the native trim. Returns the working set before and after, in MiB.</summary>
    private (long BeforeMiB, long AfterMiB) Trim()
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GlibcMalloc.TryTrim();
        Interlocked.Increment(ref _trims);
        return (before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Idle after a burst: memory trimmed from {BeforeMiB} MiB to {AfterMiB} MiB")]
    private static partial void LogTrimmed(ILogger logger, long beforeMiB, long afterMiB);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Models loaded: memory trimmed from {BeforeMiB} MiB to {AfterMiB} MiB")]
    private static partial void LogTrimmedAfterLoad(ILogger logger, long beforeMiB, long afterMiB);
}
