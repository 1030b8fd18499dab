namespace LiftWing.Core.Caching.Precache;

/// <summary>One event from a stream: its SSE id (null for JSON lines) and its JSON text.</summary>
/// <param name="Id">The SSE <c>id:</c> (what <c>Last-Event-ID</c> resumes from).</param>
/// <param name="Data">The event JSON.</param>
public readonly record struct StreamEvent(string? Id, string Data);
