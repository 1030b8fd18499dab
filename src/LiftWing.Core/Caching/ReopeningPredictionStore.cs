namespace LiftWing.Core.Caching;

/// <summary>
/// Opens a store on first use instead of at start-up, so a store that cannot be opened (a read-only, truncated
/// or garbage SQLite file, a directory in its place) fails each call — which the <see cref="PredictionCache"/>
/// counts, logs and serves around, uncached — instead of failing every prediction. It tries to open again on
/// the next call after a failure (the cache spaces those out by its retry interval), so a repaired file is picked up.
/// </summary>
internal sealed class ReopeningPredictionStore : IPredictionStore
{
    private readonly Func<IPredictionStore> _open;
    private readonly Lock _gate = new();
    private IPredictionStore? _inner;

    /// <summary>Creates the wrapper; <paramref name="open"/> runs on first use and after each failed open.</summary>
    public ReopeningPredictionStore(string name, Func<IPredictionStore> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _open = open ?? throw new ArgumentNullException(nameof(open));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Why the store could not be opened the last time it was tried (null once it is open).</summary>
    public string? OpenError { get; private set; }

    private IPredictionStore Inner
    {
        get
        {
            if (Volatile.Read(ref _inner) is { } inner)
            {
                return inner;
            }

            lock (_gate)
            {
                if (_inner is not null)
                {
                    return _inner;
                }

                try
                {
                    _inner = _open();
                    OpenError = null;
                    return _inner;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    OpenError = ex.Message;
                    throw new PredictionStoreUnavailableException($"The {Name} prediction store could not be opened: {ex.Message}", ex);
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<byte[]?>> GetManyAsync(IReadOnlyList<PredictionKey> keys, CancellationToken cancellationToken) => Inner.GetManyAsync(keys, cancellationToken);

    /// <inheritdoc />
    public ValueTask SetAsync(PredictionKey key, ReadOnlyMemory<byte> entry, TimeSpan ttl, CancellationToken cancellationToken) => Inner.SetAsync(key, entry, ttl, cancellationToken);

    /// <inheritdoc />
    public ValueTask RemoveAsync(PredictionKey key, CancellationToken cancellationToken) => Inner.RemoveAsync(key, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(string claim, TimeSpan ttl, CancellationToken cancellationToken) => Inner.TryClaimAsync(claim, ttl, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> PurgeAsync(string model, string? version, CancellationToken cancellationToken) => Inner.PurgeAsync(model, version, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PredictionStoreStats>> GetStatsAsync(CancellationToken cancellationToken) => Inner.GetStatsAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
