using System.CommandLine;
using System.Globalization;
using LiftWing.Core.Caching;
using LiftWing.Core.Configuration;

namespace LiftWing.Cli.Commands;

/// <summary>The cache options shared by <c>serve</c>, <c>precache</c> and <c>cache</c>, mapped onto <c>LiftWing:Cache:*</c>.</summary>
internal sealed class CacheOptions
{
    public Option<CacheStoreKind?> Store { get; } = new("--cache")
    {
        Description = "Prediction cache store: sqlite (default, survives restarts), redis (shared by replicas), memory (L1 only) or none.",
    };

    public Option<string?> Redis { get; } = new("--redis") { Description = "Redis endpoint host:port for --cache redis (default 127.0.0.1:6379)." };

    public Option<string?> Path { get; } = new("--cache-path") { Description = "SQLite file for --cache sqlite (default ~/.cache/liftwing/predictions.db)." };

    public Option<int?> MemoryMiB { get; } = new("--cache-memory-mb") { Description = "In-process (L1) cache budget in MiB (default 64)." };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Store, Redis, Path, MemoryMiB })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>The configuration keys the given options set (unset options set nothing, so other sources apply).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> ToConfiguration(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var keys = new List<KeyValuePair<string, string?>>();
        var store = parse.GetValue(Store);
        var redis = parse.GetValue(Redis);
        // --redis alone means a Redis cache.
        store ??= redis is null ? null : CacheStoreKind.Redis;
        Add("Store", store?.ToString());
        Add("Redis", redis);
        Add("SqlitePath", parse.GetValue(Path) is { } p ? System.IO.Path.GetFullPath(p) : null);
        Add("MemoryBytes", parse.GetValue(MemoryMiB) is { } m ? (m * 1024L * 1024).ToString(CultureInfo.InvariantCulture) : null);
        return keys;

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                keys.Add(KeyValuePair.Create(LiftWingConfiguration.Cache + ":" + key, (string?)value));
            }
        }
    }
}
