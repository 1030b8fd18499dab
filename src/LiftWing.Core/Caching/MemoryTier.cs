using System.Collections.Concurrent;

namespace LiftWing.Core.Caching;

/// <summary>
/// L1: an in-process map of full keys to encoded-free response bytes, bounded by bytes, with CLOCK
/// (second-chance FIFO) eviction and per-entry expiry.
/// </summary>
/// <remarks>
/// Why CLOCK: a hit only sets a flag (no lock, no list surgery), so the hot path stays a dictionary lookup
/// even under contention, while eviction still approximates LRU — an entry read since the hand last passed
/// gets a second chance, one never read again after insertion (a scan, a one-off batch item) is the first to
/// go. Exact LRU would need a lock or a linked-list move on every hit.
/// </remarks>
public sealed class MemoryTier
{
    // Per-entry overhead estimate: the entry object, dictionary node and queue slot.
    private const int EntryOverhead = 96;

    private readonly ConcurrentDictionary<string, Entry> _map;
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _spanMap;
    private readonly ConcurrentQueue<Entry> _clock = new();
    private readonly ConcurrentDictionary<string, ModelUsage> _usage = new(StringComparer.Ordinal);
    private readonly Lock _evictLock = new();
    private readonly TimeProvider _time;
    private long _bytes;

    /// <summary>Creates the tier.</summary>
    public MemoryTier(long capacityBytes, TimeProvider time)
    {
        CapacityBytes = capacityBytes;
        _time = time;
        _map = new(StringComparer.Ordinal);
        // A hit looks up a key assembled in a stack buffer: no key string is made unless the answer has to be stored.
        _spanMap = _map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The byte budget.</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Entries held now.</summary>
    public int Count => _map.Count;

    /// <summary>Entries and bytes per model.</summary>
    public IEnumerable<KeyValuePair<string, ModelUsage>> Usage => _usage;

    /// <summary>Looks an entry up; expired entries are removed and reported missing.</summary>
    public bool TryGet(string key, out CachedResponse value) => TryGet(key.AsSpan(), out value);

    /// <summary>Looks an entry up by a key held in a buffer; expired entries are removed and reported missing.</summary>
    public bool TryGet(ReadOnlySpan<char> key, out CachedResponse value)
    {
        if (_spanMap.TryGetValue(key, out var e))
        {
            if (e.ExpiresAt > _time.GetUtcNow())
            {
                e.Referenced = true;
                value = e.Value;
                return true;
            }

            Remove(e.Key, e);
        }

        value = default;
        return false;
    }

    /// <summary>Adds or replaces an entry, evicting until the tier is within its budget.</summary>
    public void Set(string key, string model, CachedResponse value, TimeSpan ttl)
    {
        var size = EntryOverhead + (key.Length * 2) + value.Body.Length;
        if (size > CapacityBytes || ttl <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(key, model, value, _time.GetUtcNow() + ttl, size);
        _map.AddOrUpdate(key, entry, (_, old) =>
        {
            Account(old, -1);
            return entry;
        });
        Account(entry, +1);
        _clock.Enqueue(entry);
        if (Interlocked.Read(ref _bytes) > CapacityBytes)
        {
            Evict();
        }
    }

    /// <summary>Removes an entry.</summary>
    public void Remove(string key)
    {
        if (_map.TryGetValue(key, out var e))
        {
            Remove(key, e);
        }
    }

    /// <summary>Removes every entry whose key starts with the prefix; returns how many.</summary>
    public int RemovePrefix(string prefix)
    {
        var n = 0;
        foreach (var kv in _map)
        {
            if (kv.Key.StartsWith(prefix, StringComparison.Ordinal) && Remove(kv.Key, kv.Value))
            {
                n++;
            }
        }

        return n;
    }

    private bool Remove(string key, Entry e)
    {
        if (_map.TryRemove(new KeyValuePair<string, Entry>(key, e)))
        {
            Account(e, -1);
            return true;
        }

        return false;
    }

    private void Account(Entry e, int sign)
    {
        Interlocked.Add(ref _bytes, sign * e.Size);
        var u = _usage.GetOrAdd(e.Model, static _ => new ModelUsage());
        u.Add(sign, sign * e.Size);
    }

    private void Evict()
    {
        lock (_evictLock)
        {
            var now = _time.GetUtcNow();
            // Each live entry can be passed over at most once (second chance), so two rounds always suffice.
            var budget = (_clock.Count * 2) + 1;
            while (Interlocked.Read(ref _bytes) > CapacityBytes && budget-- > 0 && _clock.TryDequeue(out var e))
            {
                if (!_map.TryGetValue(e.Key, out var current) || !ReferenceEquals(current, e))
                {
                    continue; // replaced or removed already: a stale slot
                }

                if (e.Referenced && e.ExpiresAt > now)
                {
                    e.Referenced = false;
                    _clock.Enqueue(e);
                    continue;
                }

                Remove(e.Key, e);
            }
        }
    }

    private sealed class Entry(string key, string model, CachedResponse value, DateTimeOffset expiresAt, long size)
    {
        public string Key { get; } = key;

        public string Model { get; } = model;

        public CachedResponse Value { get; } = value;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public long Size { get; } = size;

        public volatile bool Referenced;
    }

    /// <summary>Live entries and bytes of one model in L1.</summary>
    public sealed class ModelUsage
    {
        private long _entries;
        private long _bytes;

        /// <summary>Entries.</summary>
        public long Entries => Interlocked.Read(ref _entries);

        /// <summary>Bytes.</summary>
        public long Bytes => Interlocked.Read(ref _bytes);

        internal void Add(long entries, long bytes)
        {
            Interlocked.Add(ref _entries, entries);
            Interlocked.Add(ref _bytes, bytes);
        }
    }
}
