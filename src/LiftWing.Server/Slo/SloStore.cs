using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Slo;

/// <summary>
/// The counts behind <c>GET /slo</c> in SQLite: a file (durable across restarts; the processes of one machine add to
/// the same rows, WAL mode) or a private in-memory database. Minute rows keep the latency histogram for a day; hour
/// rows keep the counts for 93 days, enough for any quarter and the rolling window.
/// </summary>
internal sealed class SloStore : IDisposable
{
    private const long MinuteRetention = 24 * 60;
    private const long HourRetention = 93 * 24;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private long _prunedHour;

    public SloStore(IOptions<SloOptions> options)
    {
        var o = options.Value;
        SqliteConnectionStringBuilder cs;
        if (o.Store == SloStoreKind.Sqlite)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(o.SqlitePath));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            cs = new SqliteConnectionStringBuilder { DataSource = o.SqlitePath, Pooling = false, DefaultTimeout = 5 };
        }
        else
        {
            cs = new SqliteConnectionStringBuilder { DataSource = "slo-" + Guid.NewGuid().ToString("N"), Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Private, Pooling = false };
        }

        Name = o.Store == SloStoreKind.Sqlite ? "sqlite" : "memory";
        _connection = new SqliteConnection(cs.ToString());
        _connection.Open();
        Exec((o.Store == SloStoreKind.Sqlite ? "PRAGMA journal_mode=WAL;" : "") +
             "CREATE TABLE IF NOT EXISTS slo_minutes (model TEXT NOT NULL, minute INTEGER NOT NULL, total INTEGER NOT NULL, errors INTEGER NOT NULL, ok INTEGER NOT NULL, fast INTEGER NOT NULL, buckets TEXT NOT NULL, PRIMARY KEY (model, minute)) WITHOUT ROWID;" +
             "CREATE TABLE IF NOT EXISTS slo_hours (model TEXT NOT NULL, hour INTEGER NOT NULL, total INTEGER NOT NULL, errors INTEGER NOT NULL, ok INTEGER NOT NULL, fast INTEGER NOT NULL, PRIMARY KEY (model, hour)) WITHOUT ROWID;");
    }

    /// <summary>memory or sqlite.</summary>
    public string Name { get; }

    /// <summary>Adds counts (per model and minute) to the minute and hour rows, in one transaction.</summary>
    public async Task AddAsync(IReadOnlyList<(string Model, long Minute, SloCounts Counts)> rows, long nowMinute, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            foreach (var (model, minute, counts) in rows)
            {
                var merged = new SloCounts();
                merged.Add(counts);
                using (var read = Command(tx, "SELECT total, errors, ok, fast, buckets FROM slo_minutes WHERE model = $m AND minute = $t", model, minute))
                using (var r = read.ExecuteReader())
                {
                    if (r.Read())
                    {
                        merged.Add(Parse(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetString(4)));
                    }
                }

                using (var write = Command(tx, "INSERT OR REPLACE INTO slo_minutes VALUES ($m, $t, $total, $errors, $ok, $fast, $b)", model, minute))
                {
                    AddCounts(write, merged);
                    write.Parameters.AddWithValue("$b", Format(merged));
                    write.ExecuteNonQuery();
                }

                using var hour = Command(tx, "INSERT INTO slo_hours VALUES ($m, $t, $total, $errors, $ok, $fast) ON CONFLICT (model, hour) DO UPDATE SET " +
                                             "total = total + excluded.total, errors = errors + excluded.errors, ok = ok + excluded.ok, fast = fast + excluded.fast", model, minute / 60);
                AddCounts(hour, counts);
                hour.ExecuteNonQuery();
            }

            if (nowMinute / 60 != _prunedHour)
            {
                using var prune = Command(tx, "DELETE FROM slo_minutes WHERE minute < $t; DELETE FROM slo_hours WHERE hour < $h", "", nowMinute - MinuteRetention);
                prune.Parameters.AddWithValue("$h", (nowMinute / 60) - HourRetention);
                prune.ExecuteNonQuery();
                _prunedHour = nowMinute / 60;
            }

            tx.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Minute rows from <paramref name="fromMinute"/> and hour rows from <paramref name="fromHour"/>, for every model.</summary>
    public async Task<SloHistory> ReadAsync(long fromMinute, long fromHour, CancellationToken cancellationToken)
    {
        var h = new SloHistory();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (var cmd = Command(null, "SELECT model, minute, total, errors, ok, fast, buckets FROM slo_minutes WHERE minute >= $t", "", fromMinute))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    SloHistory.Of(h.Minutes, r.GetString(0))[r.GetInt64(1)] = Parse(r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetString(6));
                }
            }

            using (var cmd = Command(null, "SELECT model, hour, total, errors, ok, fast FROM slo_hours WHERE hour >= $t", "", fromHour))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    SloHistory.Of(h.Hours, r.GetString(0))[r.GetInt64(1)] = Parse(r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), "");
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return h;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private void Exec(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql, string model, long slot)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$m", model);
        cmd.Parameters.AddWithValue("$t", slot);
        return cmd;
    }

    private static void AddCounts(SqliteCommand cmd, SloCounts c)
    {
        cmd.Parameters.AddWithValue("$total", c.Total);
        cmd.Parameters.AddWithValue("$errors", c.Errors);
        cmd.Parameters.AddWithValue("$ok", c.Ok);
        cmd.Parameters.AddWithValue("$fast", c.Fast);
    }

    // Buckets as "le=count;…" keyed by the bound itself, so a change of configured thresholds merges cleanly.
    private static string Format(SloCounts c)
    {
        var sb = new StringBuilder();
        foreach (var (le, n) in c.Buckets)
        {
            sb.Append(double.IsPositiveInfinity(le) ? "+Inf" : le.ToString("R", CultureInfo.InvariantCulture)).Append('=').Append(n.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return sb.ToString();
    }

    private static SloCounts Parse(long total, long errors, long ok, long fast, string buckets)
    {
        var c = new SloCounts { Total = total, Errors = errors, Ok = ok, Fast = fast };
        foreach (var part in buckets.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var le = part[..eq] == "+Inf" ? double.PositiveInfinity : double.Parse(part[..eq], CultureInfo.InvariantCulture);
            c.Buckets[le] = long.Parse(part[(eq + 1)..], CultureInfo.InvariantCulture);
        }

        return c;
    }
}
