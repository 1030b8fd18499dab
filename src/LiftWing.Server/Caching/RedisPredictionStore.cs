using LiftWing.Core.Caching;
using StackExchange.Redis;

namespace LiftWing.Server.Caching;

/// <summary>
/// L2 on Redis (or any Redis-protocol server), shared by every replica: one string per entry under
/// <c>{prefix}{model}:{version}:{item}</c> with a TTL (<c>SET PX</c>), batch reads as one <c>MGET</c>, claims as
/// <c>SET NX PX</c>. The connection is lazy and self-healing: the store is usable as soon as Redis answers, and
/// calls fail fast (the cache then serves uncached) while it does not.
/// </summary>
internal sealed class RedisPredictionStore : IPredictionStore
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;

    private RedisPredictionStore(ConnectionMultiplexer redis, string prefix)
    {
        _redis = redis;
        _prefix = prefix;
    }

    /// <summary>Connects (without failing when Redis is down: it keeps retrying in the background).</summary>
    public static RedisPredictionStore Connect(string configuration, string prefix)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(250);
        return new RedisPredictionStore(ConnectionMultiplexer.Connect(options), prefix);
    }

    /// <inheritdoc />
    public string Name => "redis";

    private IDatabase Db => _redis.GetDatabase();

    private RedisKey Key(PredictionKey key) => _prefix + key.ToString();

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<PredictionKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        EnsureConnected();
        if (keys.Count == 1)
        {
            var one = await Db.StringGetAsync(Key(keys[0])).ConfigureAwait(false);
            return [one.IsNull ? null : (byte[]?)one];
        }

        var values = await Db.StringGetAsync(keys.Select(Key).ToArray()).ConfigureAwait(false);
        return values.Select(v => v.IsNull ? null : (byte[]?)v).ToArray();
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(PredictionKey key, ReadOnlyMemory<byte> entry, TimeSpan ttl, CancellationToken cancellationToken)
    {
        EnsureConnected();
        await Db.StringSetAsync(Key(key), entry, ttl).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(PredictionKey key, CancellationToken cancellationToken)
    {
        EnsureConnected();
        await Db.KeyDeleteAsync(Key(key)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(string claim, TimeSpan ttl, CancellationToken cancellationToken)
    {
        EnsureConnected();
        return await Db.StringSetAsync(_prefix + claim, "1", ttl, When.NotExists).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> PurgeAsync(string model, string? version, CancellationToken cancellationToken)
    {
        EnsureConnected();
        long n = 0;
        var pattern = Glob(_prefix + PredictionKey.Prefix(model, version)) + "*";
        foreach (var server in _redis.GetServers().Where(s => !s.IsReplica))
        {
            var batch = new List<RedisKey>(512);
            await foreach (var k in server.KeysAsync(pattern: pattern, pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(k);
                if (batch.Count == 512)
                {
                    n += await Db.KeyDeleteAsync([.. batch]).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                n += await Db.KeyDeleteAsync([.. batch]).ConfigureAwait(false);
            }
        }

        return n;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PredictionStoreStats>> GetStatsAsync(CancellationToken cancellationToken)
    {
        EnsureConnected();
        var stats = new Dictionary<(string, string), (long Entries, long Bytes)>();
        foreach (var server in _redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var k in server.KeysAsync(pattern: Glob(_prefix) + "*", pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var rest = ((string)k!)[_prefix.Length..];
                var parts = rest.Split(':', 3);
                if (parts.Length < 3 || parts[0] == "claim")
                {
                    continue;
                }

                var len = await Db.StringLengthAsync(k).ConfigureAwait(false);
                var cur = stats.GetValueOrDefault((parts[0], parts[1]));
                stats[(parts[0], parts[1])] = (cur.Entries + 1, cur.Bytes + len);
            }
        }

        return stats.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Select(kv => new PredictionStoreStats(kv.Key.Item1, kv.Key.Item2, kv.Value.Entries, kv.Value.Bytes)).ToList();
    }

    // While disconnected, fail at once rather than queueing behind the reconnect: the cache serves uncached meanwhile.
    private void EnsureConnected()
    {
        if (!_redis.IsConnected)
        {
            throw new InvalidOperationException("Redis is not connected.");
        }
    }

    private static string Glob(string literal) =>
        literal.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("?", "\\?", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);
}
