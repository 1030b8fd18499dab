namespace LiftWing.Core.Events;

/// <summary>One event in the outbox.</summary>
/// <param name="Id">Its <c>meta.id</c> (the outbox key: an id is stored and sent once).</param>
/// <param name="Stream">Its <c>meta.stream</c>.</param>
/// <param name="Body">The event JSON (UTF-8).</param>
/// <param name="CreatedAt">When it was built.</param>
/// <param name="Attempts">Failed deliveries so far.</param>
public sealed record OutboxEvent(string Id, string Stream, byte[] Body, DateTimeOffset CreatedAt, int Attempts = 0);
