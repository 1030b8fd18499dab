using System.CommandLine;
using LiftWing.Core.Caching;

namespace LiftWing.Cli.Commands;

/// <summary>The cache options shared by <c>serve</c>, <c>precache</c> and <c>cache</c>.</summary>
internal sealed class CacheOptions
{
    public Option<CacheStoreKind> Store { get; } = new("--cache")
    {
        Description = "Prediction cache store: sqlite (default, survives restarts), redis (shared by replicas), memory (L1 only) or none.",
        DefaultValueFactory = _ => CacheStoreKind.Sqlite,
    };

    public Option<string?> Redis { get; } = new("--redis") { Description = "Redis endpoint host:port for --cache redis (default 127.0.0.1:6379)." };

    public Option<string?> Path { get; } = new("--cache-path") { Description = "SQLite file for --cache sqlite (default ~/.cache/liftwing/predictions.db)." };

    public Option<int?> MemoryMiB { get; } = new("--cache-memory-mb") { Description = "In-process (L1) cache budget in MiB (default 64)." };

    public IEnumerable<Option> All => [Store, Redis, Path, MemoryMiB];

    public void AddTo(Command command)
    {
        foreach (var o in All)
        {
            command.Options.Add(o);
        }
    }

    public Action<PredictionCacheOptions> Configure(ParseResult parse)
    {
        var store = parse.GetValue(Store);
        var redis = parse.GetValue(Redis);
        var path = parse.GetValue(Path);
        var mib = parse.GetValue(MemoryMiB);
        if (redis is not null && store == CacheStoreKind.Sqlite && parse.GetResult(Store) is null or { Implicit: true })
        {
            store = CacheStoreKind.Redis; // --redis alone means a Redis cache
        }

        return o =>
        {
            o.Store = store;
            if (redis is not null)
            {
                o.Redis = redis;
            }

            if (path is not null)
            {
                o.SqlitePath = System.IO.Path.GetFullPath(path);
            }

            if (mib is { } m)
            {
                o.MemoryBytes = m * 1024L * 1024;
            }
        };
    }
}
