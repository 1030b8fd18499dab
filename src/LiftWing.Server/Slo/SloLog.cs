using Microsoft.Extensions.Logging;

namespace LiftWing.Server.Slo;

internal static partial class SloLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "SLO counts could not be written to the {Store} store; kept in memory and retried")]
    public static partial void FlushFailed(ILogger logger, string store, Exception exception);
}
