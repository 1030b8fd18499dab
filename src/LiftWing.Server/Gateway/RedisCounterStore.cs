using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LiftWing.Server.Gateway;

/// <summary>
/// Counters in Redis, shared by every replica: an atomic <c>INCRBY</c> plus <c>PEXPIREAT</c> at the window's end
/// (one round trip, a cached script). Large limits are taken in chunks (limit/1000, at most 100 permits per
/// round trip) that this replica then spends locally: the replicas together never admit more than the limit,
/// and at most (replicas − 1) × chunk requests may be refused early at a window's end. Limits below 2000 go
/// to Redis on every request (exact). While Redis fails, the in-process counters answer, so an outage degrades
/// the limit to per-replica instead of failing requests.
/// </summary>
internal sealed partial class RedisCounterStore : IRateLimitCounterStore, IDisposable
{
    private const string Script = """
        local c = redis.call('INCRBY', KEYS[1], ARGV[1])
        if c == tonumber(ARGV[1]) then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
        return c
        """;

    private const int SweepEvery = 1024;

    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly InProcessCounterStore _fallback;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, Reservation> _reservations = new(StringComparer.Ordinal);
    private long _retryAtTicks;
    private int _inserts;

    public RedisCounterStore(string configuration, string prefix, TimeSpan timeout, TimeProvider time, ILogger<RedisCounterStore> logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.AsyncTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
        options.SyncTimeout = options.AsyncTimeout;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(250);
        _redis = ConnectionMultiplexer.Connect(options);
        _prefix = prefix;
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _fallback = new InProcessCounterStore(time);
    }

    public string Name => "redis";

    /// <summary>Permits taken per round trip for a limit.</summary>
    internal static long ChunkFor(long limit) => Math.Clamp(limit / 1000, 1, 100);

    public async ValueTask<bool> TryAcquireAsync(string key, long limit, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var chunk = ChunkFor(limit);
        Reservation? reservation = null;
        if (chunk > 1)
        {
            reservation = Reserve(key, windowEnd);
            lock (reservation)
            {
                if (reservation.Remaining > 0)
                {
                    reservation.Remaining--;
                    return true;
                }

                if (reservation.Exhausted)
                {
                    return false;
                }
            }
        }

        var now = _time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _retryAtTicks) || !_redis.IsConnected)
        {
            return _fallback.Increment(key, windowEnd) <= limit;
        }

        long total;
        try
        {
            var result = await _redis.GetDatabase()
                .ScriptEvaluateAsync(Script, [_prefix + key], [chunk, windowEnd.ToUnixTimeMilliseconds()])
                .WaitAsync(_timeout, cancellationToken)
                .ConfigureAwait(false);
            total = (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _retryAtTicks, (now + TimeSpan.FromSeconds(1)).UtcTicks);
            LogRedisFailed(_logger, ex.Message);
            return _fallback.Increment(key, windowEnd) <= limit;
        }

        // The permits of this chunk that fall within the limit: all, some (the chunk crossed it), or none.
        var granted = Math.Min(chunk, limit - (total - chunk));
        if (reservation is not null)
        {
            lock (reservation)
            {
                if (granted > 1)
                {
                    reservation.Remaining += granted - 1;
                }

                if (total >= limit)
                {
                    reservation.Exhausted = true;
                }
            }
        }

        return granted > 0;
    }

    private Reservation Reserve(string key, DateTimeOffset windowEnd)
    {
        if (_reservations.TryGetValue(key, out var r))
        {
            return r;
        }

        r = _reservations.GetOrAdd(key, static (_, end) => new Reservation(end), windowEnd);
        if (Interlocked.Increment(ref _inserts) % SweepEvery == 0)
        {
            var now = _time.GetUtcNow();
            foreach (var (k, v) in _reservations)
            {
                if (v.End <= now)
                {
                    _reservations.TryRemove(k, out _);
                }
            }
        }

        return r;
    }

    public void Dispose() => _redis.Dispose();

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Rate-limit counters: Redis failed ({Reason}); counting in-process for a second")]
    private static partial void LogRedisFailed(ILogger logger, string reason);

    /// <summary>Permits this replica took from Redis for one key and window and has not spent yet.</summary>
    private sealed class Reservation(DateTimeOffset end)
    {
        public readonly DateTimeOffset End = end;
        public long Remaining;
        public bool Exhausted;
    }
}
