using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LiftWing.Server.Gateway;

/// <summary>
/// Counters in Redis, shared by every replica: one atomic <c>INCR</c> plus <c>PEXPIREAT</c> at the window's end
/// (one round trip, a cached script). While Redis fails, the in-process counters answer, so an outage degrades
/// the limit to per-replica instead of failing requests.
/// </summary>
internal sealed partial class RedisCounterStore : IRateLimitCounterStore, IDisposable
{
    private const string Script = """
        local c = redis.call('INCR', KEYS[1])
        if c == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
        return c
        """;

    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly InProcessCounterStore _fallback;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private long _retryAtTicks;

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

    public async ValueTask<long> IncrementAsync(string key, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _retryAtTicks) || !_redis.IsConnected)
        {
            return _fallback.Increment(key, windowEnd);
        }

        try
        {
            var result = await _redis.GetDatabase()
                .ScriptEvaluateAsync(Script, [_prefix + key], [windowEnd.ToUnixTimeMilliseconds()])
                .WaitAsync(_timeout, cancellationToken)
                .ConfigureAwait(false);
            return (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _retryAtTicks, (now + TimeSpan.FromSeconds(1)).UtcTicks);
            LogRedisFailed(_logger, ex.Message);
            return _fallback.Increment(key, windowEnd);
        }
    }

    public void Dispose() => _redis.Dispose();

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Rate-limit counters: Redis failed ({Reason}); counting in-process for a second")]
    private static partial void LogRedisFailed(ILogger logger, string reason);
}
