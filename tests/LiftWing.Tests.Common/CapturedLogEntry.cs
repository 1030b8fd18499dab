using Microsoft.Extensions.Logging;

namespace LiftWing.Tests.Common;

/// <summary>One log entry kept by <see cref="CapturedLogs"/>.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
