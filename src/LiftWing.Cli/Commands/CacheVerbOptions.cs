using LiftWing.Core.Caching;

namespace LiftWing.Cli.Commands;

/// <summary>The options of <c>cache stats</c> and <c>cache purge</c> (<see cref="Model"/> and <see cref="Version"/> are purge's).</summary>
internal sealed record CacheVerbOptions(CacheStoreKind? Store, string? Redis, string? CachePath, int? MemoryMiB, string? Model = null, string? Version = null) : IVerbOptions
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Store is CacheStoreKind.Memory or CacheStoreKind.None)
        {
            errors.Add("--cache must be sqlite or redis (the stores that outlive a process).");
        }

        if (Redis is not null && (Store is not null and not CacheStoreKind.Redis))
        {
            errors.Add("--redis is for --cache redis only.");
        }

        if (Redis is not null && string.IsNullOrWhiteSpace(Redis))
        {
            errors.Add("--redis: give the endpoint as host:port.");
        }

        // stats and purge read an existing store: a mistyped path must not silently create an empty database.
        if (CachePath is not null && !File.Exists(CachePath))
        {
            errors.Add($"--cache-path: file {CachePath} does not exist.");
        }

        if (MemoryMiB is <= 0)
        {
            errors.Add("--cache-memory-mb must be positive.");
        }

        if (Model is not null && !ModelSelection.IsModelName(Model))
        {
            errors.Add($"--model: '{Model}' is not a model name (letters, digits, '.', '_' and '-').");
        }

        if (Version is not null && (Version.Length is 0 or > 128 || Version.Any(char.IsControl)))
        {
            errors.Add($"--version: '{Version}' is not a model version.");
        }

        return errors;
    }
}
