using Microsoft.Extensions.Logging;

namespace LiftWing.Core.Caching;

/// <summary>The cache's log messages.</summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Prediction store {Store} failed on {Operation} ({Reason}); serving uncached for {RetryAfterMs} ms")]
    public static partial void StoreFailed(ILogger logger, string store, string operation, string reason, double retryAfterMs, Exception? exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Dropped a corrupt cache entry for {Key} from {Store}")]
    public static partial void CorruptEntry(ILogger logger, string key, string store);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Prediction cache: {Store} store, L1 {MemoryMiB} MiB")]
    public static partial void Started(ILogger logger, string store, long memoryMiB);
}
