using System.Collections.Concurrent;

namespace LiftWing.Server.Gateway;

/// <summary>Counters in this process; windows that have ended are swept as new keys arrive.</summary>
internal sealed class InProcessCounterStore(TimeProvider time) : IRateLimitCounterStore
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private int _inserts;

    public string Name => "in-process";

    /// <summary>How many counters are held (for tests).</summary>
    public int Count => _counters.Count;

    public ValueTask<bool> TryAcquireAsync(string key, long limit, DateTimeOffset windowEnd, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Increment(key, windowEnd) <= limit);

    public long Increment(string key, DateTimeOffset windowEnd)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            counter = _counters.GetOrAdd(key, static (_, end) => new Counter(end), windowEnd);
            if (Interlocked.Increment(ref _inserts) % SweepEvery == 0)
            {
                Sweep();
            }
        }

        return Interlocked.Increment(ref counter.Value);
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, counter) in _counters)
        {
            if (counter.End <= now)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter(DateTimeOffset end)
    {
        public readonly DateTimeOffset End = end;
        public long Value;
    }
}
