namespace LiftWing.Core.Caching;

/// <summary>Which L2 store backs the cache.</summary>
public enum CacheStoreKind
{
    /// <summary>No cache at all.</summary>
    None,

    /// <summary>L1 only (in-process memory, lost on restart).</summary>
    Memory,

    /// <summary>L1 + embedded SQLite (the default: survives restarts).</summary>
    Sqlite,

    /// <summary>L1 + Redis (shared by replicas; any Redis-protocol server).</summary>
    Redis,
}
