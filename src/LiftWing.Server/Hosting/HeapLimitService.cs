using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Hosting;

/// <summary>Applies <see cref="MemoryOptions.HeapHardLimitMB"/> when the host starts.</summary>
internal sealed partial class HeapLimitService(IOptions<MemoryOptions> options, ILogger<HeapLimitService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
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
}
