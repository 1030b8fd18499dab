namespace LiftWing.Server.Gateway;

/// <summary>Fixed-window counters: in-process, or shared by every replica through Redis.</summary>
internal interface IRateLimitCounterStore
{
    /// <summary>The store's name, for logs.</summary>
    string Name { get; }

    /// <summary>Counts one request against <paramref name="key"/> (which names its window); true while within <paramref name="limit"/>.</summary>
    /// <param name="key">The counter key, window start included.</param>
    /// <param name="limit">The window's limit (at least 1).</param>
    /// <param name="windowEnd">When the window ends; the counter may be dropped after that.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> TryAcquireAsync(string key, long limit, DateTimeOffset windowEnd, CancellationToken cancellationToken);
}
