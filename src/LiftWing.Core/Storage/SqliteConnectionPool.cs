using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace LiftWing.Core.Storage;

/// <summary>
/// Open SQLite connections kept for reuse, each configured once (<c>synchronous=NORMAL</c>: in WAL mode a commit
/// survives a process crash; only an OS crash can lose the last commits). Microsoft.Data.Sqlite's own pooling is
/// off so that the pragma is applied to every connection this pool hands out.
/// </summary>
internal sealed class SqliteConnectionPool(string path, int defaultTimeoutSeconds, int maxIdle) : IDisposable
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = defaultTimeoutSeconds }.ToString();
    private readonly ConcurrentBag<SqliteConnection> _idle = [];

    /// <summary>An open connection (reused or new); give it back with <see cref="Return"/>.</summary>
    public SqliteConnection Rent()
    {
        if (_idle.TryTake(out var c))
        {
            return c;
        }

        c = new SqliteConnection(_connectionString);
        c.Open();
        Exec(c, "PRAGMA synchronous=NORMAL;");
        return c;
    }

    /// <summary>Keeps the connection for reuse (or closes it beyond <c>maxIdle</c>).</summary>
    public void Return(SqliteConnection c)
    {
        if (_idle.Count < maxIdle)
        {
            _idle.Add(c);
        }
        else
        {
            c.Dispose();
        }
    }

    /// <summary>Runs SQL without parameters.</summary>
    public static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_idle.TryTake(out var c))
        {
            c.Dispose();
        }
    }
}
