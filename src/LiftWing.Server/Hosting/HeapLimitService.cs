using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Hosting;

/// <summary>
/// Applies <see cref="MemoryOptions.HeapHardLimitMB"/> and <see cref="MemoryOptions.MallocMmapThresholdKB"/> when the
/// host starts; it is registered before the model loader, so the models load under the malloc setting.
/// </summary>
internal sealed partial class HeapLimitService(IOptions<MemoryOptions> options, ILogger<HeapLimitService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var kb = options.Value.MallocMmapThresholdKB;
        if (kb > 0 && GlibcMalloc.TrySetMmapThreshold(kb * 1024))
        {
            LogMmapThreshold(logger, kb);
        }

        var mb = options.Value.HeapHardLimitMB;
        if (mb > 0)
        {
            // GCHeapHardLimit is read again by RefreshMemoryLimit, so it can be set after the runtime started.
            AppContext.SetData("GCHeapHardLimit", (ulong)mb * 1024 * 1024);
            GC.RefreshMemoryLimit();
            LogHeapLimit(logger, mb);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Managed heap limited to {LimitMB} MiB")]
    private static partial void LogHeapLimit(ILogger logger, int limitMB);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Native blocks of {ThresholdKB} KiB and more are mapped on their own (given back when freed)")]
    private static partial void LogMmapThreshold(ILogger logger, int thresholdKB);
}
