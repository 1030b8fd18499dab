namespace LiftWing.Core.Batching;

/// <summary>
/// Processes one merged batch: returns exactly one result per item, in item order. The token is the batcher's
/// (cancelled only at shutdown), never one request's.
/// </summary>
public delegate ValueTask<IReadOnlyList<TResult>> BatchProcessor<TItem, TResult>(IReadOnlyList<TItem> items, CancellationToken cancellationToken);
