using System.ComponentModel.DataAnnotations;

namespace LiftWing.Core.Caching;

/// <summary>Prediction-cache settings (<c>--cache</c>, <c>--redis</c>, … on <c>serve</c>).</summary>
public sealed class PredictionCacheOptions
{
    /// <summary>The L2 store. The default is SQLite.</summary>
    public CacheStoreKind Store { get; set; } = CacheStoreKind.Sqlite;

    /// <summary>The L1 budget in bytes (keys + entries). The default is 64 MiB.</summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The longest an entry stays in L1 even if its model TTL is longer. The default is 5 minutes: it bounds
    /// how long a replica may serve an entry after a purge on the shared store.
    /// </summary>
    public TimeSpan MemoryMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a request waits for the L2 store before it is served uncached. The default is 50 ms.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest a miss waits for its L2 write (and a pre-cache claim). The default is 250 ms.</summary>
    public TimeSpan StoreWriteTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a store failure, L2 is skipped for this long, then tried again. The default is 1 second.</summary>
    public TimeSpan StoreRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The SQLite file. The default is <c>~/.cache/liftwing/predictions.db</c>.</summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath();

    /// <summary>How often expired SQLite rows are deleted. The default is 10 minutes.</summary>
    public TimeSpan SqliteCleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The Redis endpoint(s), StackExchange.Redis syntax (<c>host:port</c>). The default is 127.0.0.1:6379.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>The prefix of every Redis key. The default is <c>lw:pred:</c>.</summary>
    public string KeyPrefix { get; set; } = "lw:pred:";

    /// <summary>The default SQLite path under the user cache folder.</summary>
    public static string DefaultSqlitePath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "liftwing", "predictions.db");
}
