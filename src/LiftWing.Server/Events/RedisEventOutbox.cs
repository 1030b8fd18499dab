using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Events;
using StackExchange.Redis;

namespace LiftWing.Server.Events;

/// <summary>
/// The outbox on Redis, shared by every replica and stream worker: bodies and streams in hashes, a <c>due</c>
/// sorted set (score: next attempt) that senders lease from atomically (a Lua script moves the score to the lease
/// end, so a sender that dies releases its events when the lease runs out), a <c>created</c> set for the age of the
/// oldest, <c>sent:{id}</c> markers (with a TTL) and dead letters. Each operation is one script, so concurrent
/// workers appending the same id store it once.
/// </summary>
internal sealed class RedisEventOutbox : IEventOutbox
{
    private const string AppendScript = """
        local n = 0
        for i = 2, #ARGV, 4 do
          local id = ARGV[i]
          if redis.call('EXISTS', ARGV[1] .. 'sent:' .. id) == 0 and redis.call('HEXISTS', KEYS[5], id) == 0
             and redis.call('HSETNX', KEYS[1], id, ARGV[i + 2]) == 1 then
            redis.call('HSET', KEYS[2], id, ARGV[i + 1])
            redis.call('ZADD', KEYS[3], ARGV[i + 3], id)
            redis.call('ZADD', KEYS[4], ARGV[i + 3], id)
            n = n + 1
          end
        end
        return n
        """;

    private const string LeaseScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = {}
        for _, id in ipairs(ids) do
          local body = redis.call('HGET', KEYS[2], id)
          if body then
            redis.call('ZADD', KEYS[1], ARGV[2], id)
            table.insert(out, id)
            table.insert(out, body)
            table.insert(out, redis.call('HGET', KEYS[3], id) or '')
            table.insert(out, redis.call('ZSCORE', KEYS[4], id) or '0')
            table.insert(out, redis.call('HGET', KEYS[5], id) or '0')
          else
            redis.call('ZREM', KEYS[1], id)
          end
        end
        return out
        """;

    private const string AckScript = """
        for i = 3, #ARGV do
          local id = ARGV[i]
          redis.call('HDEL', KEYS[1], id)
          redis.call('HDEL', KEYS[2], id)
          redis.call('ZREM', KEYS[3], id)
          redis.call('ZREM', KEYS[4], id)
          redis.call('HDEL', KEYS[5], id)
          redis.call('SET', ARGV[1] .. 'sent:' .. id, '1', 'PX', ARGV[2])
        end
        return 0
        """;

    private const string RetryScript = """
        for i = 1, #ARGV, 2 do
          if redis.call('HEXISTS', KEYS[3], ARGV[i]) == 1 then
            redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
            redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
          end
        end
        return 0
        """;

    private const string DeadScript = """
        for i = 2, #ARGV, 2 do
          local id = ARGV[i]
          redis.call('HSET', KEYS[6], id, ARGV[i + 1])
          redis.call('ZADD', KEYS[7], ARGV[1], id)
          redis.call('HDEL', KEYS[1], id)
          redis.call('HDEL', KEYS[2], id)
          redis.call('ZREM', KEYS[3], id)
          redis.call('ZREM', KEYS[4], id)
          redis.call('HDEL', KEYS[5], id)
        end
        return 0
        """;

    private readonly ConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly RedisKey _body;
    private readonly RedisKey _stream;
    private readonly RedisKey _created;
    private readonly RedisKey _due;
    private readonly RedisKey _attempts;
    private readonly RedisKey _dead;
    private readonly RedisKey _deadOrder;

    private RedisEventOutbox(ConnectionMultiplexer redis, string prefix, TimeProvider time)
    {
        _redis = redis;
        _time = time;
        _prefix = prefix;
        _body = prefix + "body";
        _stream = prefix + "stream";
        _created = prefix + "created";
        _due = prefix + "due";
        _attempts = prefix + "attempts";
        _dead = prefix + "dead";
        _deadOrder = prefix + "dead_order";
    }

    /// <summary>Connects (lazily: calls fail while Redis is down, and the delivery retries them).</summary>
    public static RedisEventOutbox Connect(string configuration, string prefix, TimeProvider? time = null)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 5000;
        options.AsyncTimeout = 5000;
        options.ReconnectRetryPolicy = new LinearRetry(250);
        return new RedisEventOutbox(ConnectionMultiplexer.Connect(options), prefix, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public string Name => "redis";

    private IDatabase Db => _redis.GetDatabase();

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public async ValueTask<int> AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        var args = new List<RedisValue>(1 + (events.Count * 4)) { _prefix };
        foreach (var e in events)
        {
            args.Add(e.Id);
            args.Add(e.Stream);
            args.Add(e.Body);
            args.Add(e.CreatedAt.ToUnixTimeMilliseconds());
        }

        var n = await Db.ScriptEvaluateAsync(AppendScript, [_body, _stream, _created, _due, _dead], [.. args]).ConfigureAwait(false);
        return (int)n;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<OutboxEvent>> LeaseDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(LeaseScript, [_due, _body, _stream, _created, _attempts],
            [now, now + (long)lease.TotalMilliseconds, max]).ConfigureAwait(false))!;
        var list = new List<OutboxEvent>(result.Length / 5);
        for (var i = 0; i + 4 < result.Length; i += 5)
        {
            list.Add(new OutboxEvent(
                (string)result[i]!,
                (string)result[i + 2]!,
                (byte[])result[i + 1]!,
                DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse((string)result[i + 3]!, CultureInfo.InvariantCulture)),
                int.Parse((string)result[i + 4]!, CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <inheritdoc />
    public async ValueTask AckAsync(IReadOnlyList<string> ids, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        RedisValue[] args = [_prefix, (long)retention.TotalMilliseconds, .. ids.Select(i => (RedisValue)i)];
        await Db.ScriptEvaluateAsync(AckScript, [_body, _stream, _created, _due, _attempts], args).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RetryAsync(IReadOnlyList<OutboxRetry> retries, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retries);
        if (retries.Count == 0)
        {
            return;
        }

        var args = retries.SelectMany(r => new RedisValue[] { r.Id, r.NextAttempt.ToUnixTimeMilliseconds() }).ToArray();
        await Db.ScriptEvaluateAsync(RetryScript, [_due, _attempts, _body], args).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeadLetterAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return;
        }

        var args = new List<RedisValue> { Now };
        foreach (var l in letters)
        {
            args.Add(l.Event.Id);
            args.Add(EncodeDead(l));
        }

        await Db.ScriptEvaluateAsync(DeadScript, [_body, _stream, _created, _due, _attempts, _dead, _deadOrder], [.. args]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var db = Db;
        var pending = db.HashLengthAsync(_body);
        var oldest = db.SortedSetRangeByRankWithScoresAsync(_created, 0, 0);
        var dead = db.HashLengthAsync(_dead);
        await Task.WhenAll(pending, oldest, dead).ConfigureAwait(false);
        var first = (await oldest.ConfigureAwait(false)) is [var o, ..] ? DateTimeOffset.FromUnixTimeMilliseconds((long)o.Score) : (DateTimeOffset?)null;
        return new OutboxStats(await pending.ConfigureAwait(false), first, await dead.ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByRankAsync(_deadOrder, 0, max - 1).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await Db.HashGetAsync(_dead, ids).ConfigureAwait(false);
        var list = new List<DeadLetter>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!values[i].IsNull)
            {
                list.Add(DecodeDead((string)ids[i]!, (byte[])values[i]!));
            }
        }

        return list;
    }

    private static byte[] EncodeDead(DeadLetter l)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("stream", l.Event.Stream);
            w.WriteNumber("created", l.Event.CreatedAt.ToUnixTimeMilliseconds());
            w.WriteNumber("attempts", l.Event.Attempts);
            w.WriteString("reason", l.Reason);
            w.WriteString("context", l.Context);
            w.WriteString("body", Encoding.UTF8.GetString(l.Event.Body));
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static DeadLetter DecodeDead(string id, byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var e = new OutboxEvent(id, r.GetProperty("stream").GetString()!, Encoding.UTF8.GetBytes(r.GetProperty("body").GetString()!),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("created").GetInt64()), r.GetProperty("attempts").GetInt32());
        return new DeadLetter(e, r.GetProperty("reason").GetString()!, r.GetProperty("context").GetString());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);
}
