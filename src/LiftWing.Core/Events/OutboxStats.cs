namespace LiftWing.Core.Events;

/// <summary>What the outbox holds.</summary>
/// <param name="Pending">Events not yet acknowledged.</param>
/// <param name="OldestCreatedAt">When the oldest pending event was built (null when none).</param>
/// <param name="DeadLetters">Dead-lettered events.</param>
public sealed record OutboxStats(long Pending, DateTimeOffset? OldestCreatedAt, long DeadLetters);
