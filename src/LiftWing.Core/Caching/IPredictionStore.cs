namespace LiftWing.Core.Caching;

/// <summary>
/// The L2 tier: a shared or persistent key-value store of encoded cache entries (see <see cref="CacheEntryCodec"/>).
/// Keys are full keys from <see cref="PredictionKey"/>. Implementations may throw on any failure; the
/// <see cref="PredictionCache"/> bounds every call and degrades to uncached serving.
/// </summary>
public interface IPredictionStore : IAsyncDisposable
{
    /// <summary>A short name for logs, metrics and <c>cache stats</c> (<c>sqlite</c>, <c>redis</c>).</summary>
    string Name { get; }

    /// <summary>Reads entries; a missing or expired key gives null at its position.</summary>
    ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<PredictionKey> keys, CancellationToken cancellationToken);

    /// <summary>Writes one entry with a time to live.</summary>
    ValueTask SetAsync(PredictionKey key, ReadOnlyMemory<byte> entry, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Deletes entries (corrupt ones are dropped this way).</summary>
    ValueTask RemoveAsync(PredictionKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a piece of pre-cache work for <paramref name="ttl"/>: true for exactly one caller across every
    /// process sharing the store until the claim expires (Redis <c>SET NX PX</c>).
    /// </summary>
    ValueTask<bool> TryClaimAsync(string claim, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Deletes every entry of a model (of one version when given); returns how many.</summary>
    ValueTask<long> PurgeAsync(string model, string? version, CancellationToken cancellationToken);

    /// <summary>Entry counts and sizes per model and version.</summary>
    ValueTask<IReadOnlyList<PredictionStoreStats>> GetStatsAsync(CancellationToken cancellationToken);
}
