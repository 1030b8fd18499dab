using Microsoft.Extensions.Logging;

namespace LiftWing.Core.Events;

/// <summary>The events pipeline's log messages.</summary>
internal static partial class EventLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Could not build the {Model} event ({Reason})")]
    public static partial void BuildFailed(ILogger logger, string model, string reason, Exception? exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "The event queue is full ({Capacity}); dropped a {Model} event")]
    public static partial void QueueFull(ILogger logger, int capacity, string model);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Outbox {Outbox} failed on {Operation}; retrying in {DelayMs} ms")]
    public static partial void OutboxFailed(ILogger logger, string outbox, string operation, double delayMs, Exception exception);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "EventGate delivery of {Count} events failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void DeliveryFailed(ILogger logger, int count, string reason, double delayMs);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "EventGate rejected event {Id} ({Reason}): {Context}")]
    public static partial void DeadLettered(ILogger logger, string id, string reason, string? context);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Events: posting to {Url} from the {Outbox} outbox ({Pending} pending, {Dead} dead letters)")]
    public static partial void Started(ILogger logger, string url, string outbox, long pending, long dead);
}
