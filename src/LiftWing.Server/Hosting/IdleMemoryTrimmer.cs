using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Hosting;

/// <summary>
/// Gives a burst's memory back: the GC only runs when something allocates, so after a burst of large requests
/// an idle server would keep its grown heap (and RSS) indefinitely. When an interval that allocated a lot is
/// followed by a quiet one, this runs a single aggressive, compacting collection (large objects included),
/// which decommits the free memory. The pause happens only while the server is idle.
/// </summary>
internal sealed partial class IdleMemoryTrimmer(IOptions<MemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.IdleTrimInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(o.IdleTrimInterval, time);
        var last = GC.GetTotalAllocatedBytes();
        var burst = false;
        try
        {
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
                    var before = Environment.WorkingSet;
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    LogTrimmed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Idle after a burst: memory trimmed from {BeforeMiB} MiB to {AfterMiB} MiB")]
    private static partial void LogTrimmed(ILogger logger, long beforeMiB, long afterMiB);
}
