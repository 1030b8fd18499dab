namespace LiftWing.Core.Events;

/// <summary>
/// The durable outbox: events wait here until EventGate acknowledges them. Ids are unique: an event whose id is
/// pending, was sent (within the retention) or was dead-lettered is not added again.
/// </summary>
public interface IEventOutbox : IAsyncDisposable
{
    /// <summary>A short name for logs and metrics (<c>sqlite</c>, <c>redis</c>).</summary>
    string Name { get; }

    /// <summary>Adds events; returns how many were new.</summary>
    ValueTask<int> AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="max"/> due events, oldest first, hiding them from other senders for <paramref name="lease"/>.</summary>
    ValueTask<IReadOnlyList<OutboxEvent>> LeaseDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes acknowledged events and remembers their ids for <paramref name="retention"/>.</summary>
    ValueTask AckAsync(IReadOnlyList<string> ids, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and schedules each event again.</summary>
    ValueTask RetryAsync(IReadOnlyList<OutboxRetry> retries, string reason, CancellationToken cancellationToken);

    /// <summary>Moves events to the dead letters.</summary>
    ValueTask DeadLetterAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken);

    /// <summary>Pending and dead-letter counts.</summary>
    ValueTask<OutboxStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>The dead letters, oldest first.</summary>
    ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken);
}
