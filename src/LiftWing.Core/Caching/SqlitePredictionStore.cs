using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace LiftWing.Core.Caching;

/// <summary>
/// The default L2: one SQLite file in WAL mode (readers never block the writer; several processes on one
/// machine may share it), a WITHOUT ROWID table keyed by the full key, expiry per row (reads ignore expired
/// rows; a timer deletes them), and a claims table for pre-cache workers.
/// </summary>
internal sealed class SqlitePredictionStore : IPredictionStore
{
    private readonly TimeProvider _time;
    private readonly Storage.SqliteConnectionPool _pool;
    private readonly ITimer? _cleanup;

    /// <summary>Opens (creating when missing) the store file.</summary>
    public SqlitePredictionStore(string path, TimeProvider time, TimeSpan cleanupInterval)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _time = time ?? TimeProvider.System;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        FilePath = path;
        // Pooling off: this class pools its own configured connections. Default timeout (s) bounds SQLITE_BUSY retries.
        _pool = new Storage.SqliteConnectionPool(path, defaultTimeoutSeconds: 2, maxIdle: 16);
        var c = _pool.Rent();
        try
        {
            Storage.SqliteConnectionPool.Exec(c, "PRAGMA journal_mode=WAL;" +
                    "CREATE TABLE IF NOT EXISTS predictions (key TEXT NOT NULL PRIMARY KEY, model TEXT NOT NULL, version TEXT NOT NULL, value BLOB NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;" +
                    "CREATE INDEX IF NOT EXISTS predictions_expires ON predictions(expires_at);" +
                    "CREATE INDEX IF NOT EXISTS predictions_model ON predictions(model, version);" +
                    "CREATE TABLE IF NOT EXISTS claims (key TEXT NOT NULL PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;");
        }
        finally
        {
            _pool.Return(c);
        }

        DeleteExpired();
        if (cleanupInterval > TimeSpan.Zero)
        {
            _cleanup = _time.CreateTimer(static s => ((SqlitePredictionStore)s!).DeleteExpiredQuietly(), this, cleanupInterval, cleanupInterval);
        }
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public string Name => "sqlite";

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<PredictionKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new byte[]?[keys.Count];
        var c = _pool.Rent();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT value FROM predictions WHERE key = $k AND expires_at > $now";
            var k = cmd.Parameters.Add("$k", SqliteType.Text);
            cmd.Parameters.AddWithValue("$now", Now);
            cmd.Prepare();
            for (var i = 0; i < keys.Count; i++)
            {
                k.Value = keys[i].ToString();
                result[i] = cmd.ExecuteScalar() as byte[];
            }
        }
        finally
        {
            _pool.Return(c);
        }

        return ValueTask.FromResult<IReadOnlyList<byte[]?>>(result);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(PredictionKey key, ReadOnlyMemory<byte> entry, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var c = _pool.Rent();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT OR REPLACE INTO predictions (key, model, version, value, expires_at) VALUES ($k, $m, $v, $val, $exp)";
            cmd.Parameters.AddWithValue("$k", key.ToString());
            cmd.Parameters.AddWithValue("$m", key.Model);
            cmd.Parameters.AddWithValue("$v", key.Version);
            cmd.Parameters.Add("$val", SqliteType.Blob).Value = entry.ToArray();
            cmd.Parameters.AddWithValue("$exp", Now + (long)ttl.TotalMilliseconds);
            cmd.ExecuteNonQuery();
        }
        finally
        {
            _pool.Return(c);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(PredictionKey key, CancellationToken cancellationToken)
    {
        Run("DELETE FROM predictions WHERE key = $k", ("$k", key.ToString()));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(string claim, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var c = _pool.Rent();
        try
        {
            using var tx = c.BeginTransaction(deferred: false);
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM claims WHERE key = $k AND expires_at <= $now; INSERT OR IGNORE INTO claims (key, expires_at) VALUES ($k, $exp);";
            cmd.Parameters.AddWithValue("$k", claim);
            cmd.Parameters.AddWithValue("$now", Now);
            cmd.Parameters.AddWithValue("$exp", Now + (long)ttl.TotalMilliseconds);
            cmd.ExecuteNonQuery();
            using var changes = c.CreateCommand();
            changes.Transaction = tx;
            changes.CommandText = "SELECT changes()";
            var claimed = (long)changes.ExecuteScalar()! == 1;
            tx.Commit();
            return ValueTask.FromResult(claimed);
        }
        finally
        {
            _pool.Return(c);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> PurgeAsync(string model, string? version, CancellationToken cancellationToken) =>
        ValueTask.FromResult<long>(version is null
            ? Run("DELETE FROM predictions WHERE model = $m", ("$m", model))
            : Run("DELETE FROM predictions WHERE model = $m AND version = $v", ("$m", model), ("$v", version)));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PredictionStoreStats>> GetStatsAsync(CancellationToken cancellationToken)
    {
        var list = new List<PredictionStoreStats>();
        var c = _pool.Rent();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT model, version, COUNT(*), COALESCE(SUM(LENGTH(value)), 0) FROM predictions WHERE expires_at > $now GROUP BY model, version ORDER BY model, version";
            cmd.Parameters.AddWithValue("$now", Now);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add(new PredictionStoreStats(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
            }
        }
        finally
        {
            _pool.Return(c);
        }

        return ValueTask.FromResult<IReadOnlyList<PredictionStoreStats>>(list);
    }

    /// <summary>Deletes expired rows and claims; returns how many predictions went.</summary>
    public long DeleteExpired()
    {
        Run("DELETE FROM claims WHERE expires_at <= $now", ("$now", Now));
        return Run("DELETE FROM predictions WHERE expires_at <= $now", ("$now", Now));
    }

    private void DeleteExpiredQuietly()
    {
        try
        {
            DeleteExpired();
        }
        catch (SqliteException)
        {
            // Busy or read-only right now; the next tick tries again and reads ignore expired rows anyway.
        }
    }

    private long Run(string sql, params (string Name, object Value)[] args)
    {
        var c = _pool.Rent();
        try
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in args)
            {
                cmd.Parameters.AddWithValue(n, v);
            }

            return cmd.ExecuteNonQuery();
        }
        finally
        {
            _pool.Return(c);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _cleanup?.Dispose();
        _pool.Dispose();

        return ValueTask.CompletedTask;
    }
}
