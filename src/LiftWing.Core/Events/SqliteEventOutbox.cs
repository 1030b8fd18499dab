using LiftWing.Core.Storage;
using Microsoft.Data.Sqlite;

namespace LiftWing.Core.Events;

/// <summary>
/// The outbox in a SQLite file (WAL): one process owns it (a second sender on the same file would post the same
/// events). Leases are rows marked <c>leased</c>; opening the file releases them, so a restart re-sends at once
/// what the previous process was posting when it stopped.
/// </summary>
public sealed class SqliteEventOutbox : IEventOutbox
{
    private readonly TimeProvider _time;
    private readonly SqliteConnectionPool _pool;

    /// <summary>Opens (creating when needed) the file.</summary>
    public SqliteEventOutbox(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _time = time ?? TimeProvider.System;
        FilePath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _pool = new SqliteConnectionPool(FilePath, defaultTimeoutSeconds: 5, maxIdle: 4);
        var c = _pool.Rent();
        try
        {
            SqliteConnectionPool.Exec(c, """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
                  body BLOB NOT NULL, created_at INTEGER NOT NULL, next_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                  leased INTEGER NOT NULL DEFAULT 0, last_error TEXT);
                CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_at, seq);
                CREATE TABLE IF NOT EXISTS sent (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS dead_letters (id TEXT PRIMARY KEY, stream TEXT NOT NULL, body BLOB NOT NULL, created_at INTEGER NOT NULL,
                  dead_at INTEGER NOT NULL, attempts INTEGER NOT NULL, reason TEXT NOT NULL, context TEXT);
                """);
            using var release = c.CreateCommand();
            release.CommandText = "UPDATE outbox SET leased = 0, next_at = MIN(next_at, $now) WHERE leased = 1; DELETE FROM sent WHERE expires_at <= $now;";
            release.Parameters.AddWithValue("$now", Now);
            release.ExecuteNonQuery();
        }
        finally
        {
            _pool.Return(c);
        }
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public string Name => "sqlite";

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public ValueTask<int> AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var added = 0;
        InTransaction(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT OR IGNORE INTO outbox (id, stream, body, created_at, next_at)
                SELECT $id, $stream, $body, $created, $created
                WHERE NOT EXISTS (SELECT 1 FROM sent WHERE id = $id AND expires_at > $created)
                  AND NOT EXISTS (SELECT 1 FROM dead_letters WHERE id = $id)
                """;
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var stream = cmd.Parameters.Add("$stream", SqliteType.Text);
            var body = cmd.Parameters.Add("$body", SqliteType.Blob);
            var created = cmd.Parameters.Add("$created", SqliteType.Integer);
            cmd.Prepare();
            foreach (var e in events)
            {
                id.Value = e.Id;
                stream.Value = e.Stream;
                body.Value = e.Body;
                created.Value = e.CreatedAt.ToUnixTimeMilliseconds();
                added += cmd.ExecuteNonQuery();
            }
        });
        return ValueTask.FromResult(added);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxEvent>> LeaseDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var list = new List<OutboxEvent>();
        var now = Now;
        InTransaction(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                UPDATE outbox SET leased = 1, next_at = $until
                WHERE seq IN (SELECT seq FROM outbox WHERE next_at <= $now ORDER BY next_at, seq LIMIT $max)
                RETURNING id, stream, body, created_at, attempts, seq
                """;
            cmd.Parameters.AddWithValue("$now", now);
            cmd.Parameters.AddWithValue("$until", now + (long)lease.TotalMilliseconds);
            cmd.Parameters.AddWithValue("$max", max);
            using var r = cmd.ExecuteReader();
            var rows = new List<(long Seq, OutboxEvent Event)>();
            while (r.Read())
            {
                rows.Add((r.GetInt64(5), new OutboxEvent(r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetInt32(4))));
            }

            list.AddRange(rows.OrderBy(x => x.Seq).Select(x => x.Event));
        });
        return ValueTask.FromResult<IReadOnlyList<OutboxEvent>>(list);
    }

    /// <inheritdoc />
    public ValueTask AckAsync(IReadOnlyList<string> ids, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var expires = Now + (long)retention.TotalMilliseconds;
        InTransaction(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM outbox WHERE id = $id; INSERT OR REPLACE INTO sent (id, expires_at) VALUES ($id, $exp);";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            cmd.Parameters.AddWithValue("$exp", expires);
            foreach (var i in ids)
            {
                id.Value = i;
                cmd.ExecuteNonQuery();
            }
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RetryAsync(IReadOnlyList<OutboxRetry> retries, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retries);
        InTransaction(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE outbox SET leased = 0, attempts = attempts + 1, next_at = $next, last_error = $reason WHERE id = $id";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var next = cmd.Parameters.Add("$next", SqliteType.Integer);
            cmd.Parameters.AddWithValue("$reason", reason);
            foreach (var r in retries)
            {
                id.Value = r.Id;
                next.Value = r.NextAttempt.ToUnixTimeMilliseconds();
                cmd.ExecuteNonQuery();
            }
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeadLetterAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var now = Now;
        InTransaction(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                DELETE FROM outbox WHERE id = $id;
                INSERT OR REPLACE INTO dead_letters (id, stream, body, created_at, dead_at, attempts, reason, context)
                VALUES ($id, $stream, $body, $created, $now, $attempts, $reason, $context);
                """;
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var stream = cmd.Parameters.Add("$stream", SqliteType.Text);
            var body = cmd.Parameters.Add("$body", SqliteType.Blob);
            var created = cmd.Parameters.Add("$created", SqliteType.Integer);
            var attempts = cmd.Parameters.Add("$attempts", SqliteType.Integer);
            var reason = cmd.Parameters.Add("$reason", SqliteType.Text);
            var context = cmd.Parameters.Add("$context", SqliteType.Text);
            cmd.Parameters.AddWithValue("$now", now);
            foreach (var l in letters)
            {
                id.Value = l.Event.Id;
                stream.Value = l.Event.Stream;
                body.Value = l.Event.Body;
                created.Value = l.Event.CreatedAt.ToUnixTimeMilliseconds();
                attempts.Value = l.Event.Attempts;
                reason.Value = l.Reason;
                context.Value = (object?)l.Context ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var c = _pool.Rent();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*), MIN(created_at), (SELECT COUNT(*) FROM dead_letters) FROM outbox";
            using var r = cmd.ExecuteReader();
            r.Read();
            return ValueTask.FromResult(new OutboxStats(r.GetInt64(0), r.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetInt64(2)));
        }
        finally
        {
            _pool.Return(c);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        var list = new List<DeadLetter>();
        var c = _pool.Rent();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT id, stream, body, created_at, attempts, reason, context FROM dead_letters ORDER BY dead_at, id LIMIT $max";
            cmd.Parameters.AddWithValue("$max", max);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var e = new OutboxEvent(r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetInt32(4));
                list.Add(new DeadLetter(e, r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
            }
        }
        finally
        {
            _pool.Return(c);
        }

        return ValueTask.FromResult<IReadOnlyList<DeadLetter>>(list);
    }

    private void InTransaction(Action<SqliteConnection> action)
    {
        var c = _pool.Rent();
        try
        {
            using var tx = c.BeginTransaction(deferred: false);
            action(c);
            tx.Commit();
        }
        finally
        {
            _pool.Return(c);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _pool.Dispose();

        return ValueTask.CompletedTask;
    }
}
