namespace LiftWing.Server.Gateway;

/// <summary>Fixed-window counters: in-process, or shared by every replica through Redis.</summary>
internal interface IRateLimitCounterStore
{
    /// <summary>The store's name, for logs.</summary>
    string Name { get; }

    /// <summary>Adds one to the counter of <paramref name="key"/> (which names its window) and returns the new count.</summary>
    /// <param name="key">The counter key, window start included.</param>
    /// <param name="windowEnd">When the window ends; the counter may be dropped after that.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<long> IncrementAsync(string key, DateTimeOffset windowEnd, CancellationToken cancellationToken);
}
