using System.Collections.Concurrent;

namespace LiftWing.Server.Gateway;

/// <summary>Counter keys already over their limit, until their window ends; ended windows are swept as keys are added.</summary>
internal sealed class OverLimitKeys(TimeProvider time)
{
    private const int SweepEvery = 256;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _keys = new(StringComparer.Ordinal);
    private int _adds;

    public bool Contains(string key) => _keys.TryGetValue(key, out var end) && end > time.GetUtcNow();

    public void Add(string key, DateTimeOffset windowEnd)
    {
        _keys[key] = windowEnd;
        if (Interlocked.Increment(ref _adds) % SweepEvery == 0)
        {
            var now = time.GetUtcNow();
            foreach (var (k, end) in _keys)
            {
                if (end <= now)
                {
                    _keys.TryRemove(k, out _);
                }
            }
        }
    }
}
