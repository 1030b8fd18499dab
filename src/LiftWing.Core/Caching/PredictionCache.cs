using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Caching;

/// <summary>
/// The prediction cache, below the protocol adapters: L1 in process (<see cref="MemoryTier"/>), L2 an
/// <see cref="IPredictionStore"/>. Keys are model name + version + the model's own key. Only 200 JSON answers
/// are stored; identical concurrent misses compute once; a slow or failing store is skipped (bounded wait,
/// logged, counted) and tried again after <see cref="PredictionCacheOptions.StoreRetryAfter"/>.
/// </summary>
public sealed class PredictionCache
{
    /// <summary>The computation the cache wraps (the data plane's stages).</summary>
    public delegate ValueTask<InferenceResponse> Compute(InferenceRequest request, CancellationToken cancellationToken);

    private readonly ConcurrentDictionary<string, Task<InferenceResponse>> _inflight = new(StringComparer.Ordinal);
    private readonly PredictionCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CacheMetrics _metrics;
    private long _storeDownUntilTicks;

    /// <summary>Creates the cache; <paramref name="store"/> null means L1 only.</summary>
    public PredictionCache(IOptions<PredictionCacheOptions> options, Telemetry.LiftWingMetrics metrics, TimeProvider time, IPredictionStore? store = null, ILogger<PredictionCache>? logger = null)
    {
        _options = options?.Value ?? new PredictionCacheOptions();
        _time = time ?? TimeProvider.System;
        Store = store;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Memory = new MemoryTier(_options.MemoryBytes, _time);
        _metrics = new CacheMetrics(metrics, Memory);
        CacheLog.Started(_logger, store?.Name ?? "memory", _options.MemoryBytes / (1024 * 1024));
    }

    /// <summary>L1.</summary>
    public MemoryTier Memory { get; }

    /// <summary>L2 (null: memory only).</summary>
    public IPredictionStore? Store { get; }

    /// <summary>The L2 store's health for <c>/v2/health/ready</c>: none, ok or unavailable (with the last failure).</summary>
    public (string Status, string? Reason) StoreHealth => Store is null ? ("none", null)
        : StoreUsable && (Store as ReopeningPredictionStore)?.OpenError is null ? ("ok", null)
        : ("unavailable", Volatile.Read(ref _lastStoreError) ?? (Store as ReopeningPredictionStore)?.OpenError);

    private string? _lastStoreError;

    private bool StoreUsable => Store is not null && _time.GetTimestamp() >= Interlocked.Read(ref _storeDownUntilTicks);

    /// <summary>
    /// The synchronous first step of a lookup: answers from L1 when every key the request needs is there, before the data
    /// plane sets up what computing needs (a deadline, a single-flight entry). False when the request bypasses the
    /// cache, asks for a refresh, has no key, or L1 lacks an entry; the keys the model made are kept on the request, so
    /// <see cref="GetOrComputeAsync"/> does not ask the model again. The model validates before it makes a key, so a
    /// request it refuses never gets a cached answer.
    /// </summary>
    public bool TryGetFromMemory(IModel model, InferenceRequest request, [NotNullWhen(true)] out InferenceResponse? response)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        response = null;
        if (!model.Config.Cache.Enabled || Control(request) is { Length: > 0 } control
            && (control.Contains("no-store", StringComparison.OrdinalIgnoreCase) || control.Contains("no-cache", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        switch (Plan(model, request))
        {
            case RememberedItemKeys remembered:
                if (model is not IBatchCacheable remembering)
                {
                    return false;
                }

                var keys = new PredictionKey[remembered.Keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = new PredictionKey(model.Name, model.Version, remembered.Keys[i]);
                }

                return TryGetBatchFromMemory(model, request, remembering, keys, out response);
            case string own:
                if (!TryGetL1(new PredictionKey(model.Name, model.Version, own), out var hit))
                {
                    return false;
                }

                _metrics.Count(model.Name, "hit", "l1");
                response = FromCached(hit, CacheOutcome.HitL1);
                return true;
            case BatchPlan plan:
                return TryGetBatchFromMemory(model, request, plan.Batch, plan.Keys, out response);
            default:
                return false;
        }
    }

    // A batch is answered from L1 only when every item is there.
    private bool TryGetBatchFromMemory(IModel model, InferenceRequest request, IBatchCacheable batch, PredictionKey[] keys, [NotNullWhen(true)] out InferenceResponse? response)
    {
        response = null;
        var responses = new InferenceResponse[keys.Length];
        for (var i = 0; i < responses.Length; i++)
        {
            if (!TryGetL1(keys[i], out var item))
            {
                return false;
            }

            responses[i] = InferenceResponse.FromUtf8(item.Body, item.StatusCode);
        }

        _metrics.Count(model.Name, "hit", "l1", responses.Length);
        response = With(batch.JoinResponses(request, responses), new CacheOutcome("hit", "l1", responses.Length, responses.Length));
        return true;
    }

    /// <summary>Answers from the cache or computes (and stores) the answer; the response carries the <see cref="CacheOutcome"/>.</summary>
    public async ValueTask<InferenceResponse> GetOrComputeAsync(IModel model, InferenceRequest request, Compute compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(compute);
        var settings = model.Config.Cache;
        var control = Control(request);
        if (!settings.Enabled || control.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            _metrics.Count(model.Name, "bypass", "none");
            return With(await compute(request, cancellationToken).ConfigureAwait(false), CacheOutcome.Bypass);
        }

        var refresh = control.Contains("no-cache", StringComparison.OrdinalIgnoreCase);
        var plan = Plan(model, request);
        if (plan is RememberedItemKeys)
        {
            throw new InvalidOperationException("Remembered item keys are for the in-memory probe (TryGetFromMemory) only: the items are not there to compute.");
        }

        if (plan is BatchPlan batchPlan)
        {
            return await BatchAsync(model, batchPlan.Batch, request, batchPlan.Items, batchPlan.Keys, compute, refresh, settings.TtlSpan, cancellationToken).ConfigureAwait(false);
        }

        if (plan is not string own)
        {
            _metrics.Count(model.Name, "bypass", "none");
            return With(await compute(request, cancellationToken).ConfigureAwait(false), CacheOutcome.Bypass);
        }

        var key = new PredictionKey(model.Name, model.Version, own);
        if (!refresh)
        {
            if (TryGetL1(key, out var l1))
            {
                _metrics.Count(model.Name, "hit", "l1");
                return FromCached(l1, CacheOutcome.HitL1);
            }

            var l2 = await ReadL2Async([key], cancellationToken).ConfigureAwait(false);
            if (l2[0] is { } hit)
            {
                Memory.Set(key.ToString(), model.Name, hit, L1Ttl(settings.TtlSpan));
                _metrics.Count(model.Name, "hit", "l2");
                return FromCached(hit, CacheOutcome.HitL2);
            }
        }

        _metrics.Count(model.Name, "miss", "none");
        if (refresh)
        {
            return With(await ComputeAndStoreAsync(model, key, request, compute, settings.TtlSpan, cancellationToken).ConfigureAwait(false), CacheOutcome.Miss);
        }

        return With(await SingleFlightAsync(model, key, key.ToString(), request, compute, settings.TtlSpan, cancellationToken).ConfigureAwait(false), CacheOutcome.Miss);
    }

    private static string Control(InferenceRequest request) =>
        request.Headers.TryGetValue("cache-control", out var cc) ? cc : "";

    /// <summary>
    /// The keys a request needs, asked of the model once per request: a <see cref="BatchPlan"/> (a batch whose every
    /// item has a key), the model's own key (a string), or <see cref="s_noKey"/>.
    /// </summary>
    private static object Plan(IModel model, InferenceRequest request)
    {
        if (request.CacheState is { } known)
        {
            return known;
        }

        object plan = s_noKey;
        if (model is IBatchCacheable batch && batch.SplitRequest(request) is { Count: > 0 } items)
        {
            var itemKeys = new PredictionKey[items.Count];
            var allKeyed = true;
            for (var i = 0; i < items.Count && allKeyed; i++)
            {
                var k = model.GetCacheKey(items[i]);
                allKeyed = k is not null;
                itemKeys[i] = new PredictionKey(model.Name, model.Version, k ?? "");
            }

            if (allKeyed)
            {
                plan = new BatchPlan(batch, items, itemKeys);
            }
        }

        if (ReferenceEquals(plan, s_noKey) && model.GetCacheKey(request) is { } own)
        {
            plan = own;
        }

        request.CacheState = plan;
        return plan;
    }

    /// <summary>An L1 lookup with the key rendered into a stack (or pooled) buffer instead of a new string.</summary>
    private bool TryGetL1(PredictionKey key, out CachedResponse value)
    {
        var length = key.Length;
        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            return Memory.TryGet(buffer[..key.CopyTo(buffer)], out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static readonly object s_noKey = new();

    /// <summary>Whether a full key is already cached (L1 or L2); used by <c>precache</c> to skip done work.</summary>
    public async ValueTask<bool> ContainsAsync(PredictionKey key, CancellationToken cancellationToken)
    {
        if (TryGetL1(key, out _))
        {
            return true;
        }

        return (await ReadL2Async([key], cancellationToken).ConfigureAwait(false))[0] is not null;
    }

    /// <summary>Claims pre-cache work for a key across every process sharing the store (true without a store).</summary>
    public async ValueTask<bool> TryClaimAsync(PredictionKey key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (Store is null)
        {
            return true;
        }

        try
        {
            return await Store.TryClaimAsync("claim:" + key, ttl, cancellationToken).AsTask()
                .WaitAsync(_options.StoreWriteTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StoreFailed("claim", ex);
            return true; // without the store nobody can coordinate; doing the work twice is better than not at all
        }
    }

    /// <summary>Deletes a model's entries (one version when given) from both tiers; returns the L2 count.</summary>
    public async ValueTask<long> PurgeAsync(string model, string? version, CancellationToken cancellationToken)
    {
        Memory.RemovePrefix(PredictionKey.Prefix(model, version));
        return Store is null ? 0 : await Store.PurgeAsync(model, version, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InferenceResponse> SingleFlightAsync(IModel model, PredictionKey key, string text, InferenceRequest request, Compute compute, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<InferenceResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = _inflight.GetOrAdd(text, mine.Task);
        if (!ReferenceEquals(leader, mine.Task))
        {
            try
            {
                return await leader.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The leader's client went away (or timed out); this request still wants an answer.
                return await ComputeAndStoreAsync(model, key, request, compute, ttl, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            var response = await ComputeAndStoreAsync(model, key, request, compute, ttl, cancellationToken).ConfigureAwait(false);
            mine.SetResult(response);
            return response;
        }
        catch (OperationCanceledException ex)
        {
            mine.SetCanceled(ex.CancellationToken);
            throw;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed: followers rethrow it themselves
            throw;
        }
        finally
        {
            _inflight.TryRemove(new KeyValuePair<string, Task<InferenceResponse>>(text, mine.Task));
        }
    }

    private async Task<InferenceResponse> ComputeAndStoreAsync(IModel model, PredictionKey key, InferenceRequest request, Compute compute, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var response = await compute(request, cancellationToken).ConfigureAwait(false);
        if (IsCacheable(response))
        {
            await WriteAsync(model, [(key, response)], ttl, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private async ValueTask<InferenceResponse> BatchAsync(IModel model, IBatchCacheable batch, InferenceRequest request, IReadOnlyList<InferenceRequest> items, PredictionKey[] keys, Compute compute, bool refresh, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var found = new CachedResponse?[items.Count];
        var l1Hits = 0;
        var l2Hits = 0;
        if (!refresh)
        {
            var l2Keys = new List<PredictionKey>();
            var l2Index = new List<int>();
            for (var i = 0; i < keys.Length; i++)
            {
                if (TryGetL1(keys[i], out var v))
                {
                    found[i] = v;
                    l1Hits++;
                }
                else
                {
                    l2Keys.Add(keys[i]);
                    l2Index.Add(i);
                }
            }

            if (l2Keys.Count > 0)
            {
                var got = await ReadL2Async(l2Keys, cancellationToken).ConfigureAwait(false);
                for (var j = 0; j < got.Length; j++)
                {
                    if (got[j] is { } v)
                    {
                        found[l2Index[j]] = v;
                        Memory.Set(l2Keys[j].ToString(), model.Name, v, L1Ttl(ttl));
                        l2Hits++;
                    }
                }
            }
        }

        var missing = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (found[i] is null)
            {
                missing.Add(i);
            }
        }

        _metrics.Count(model.Name, "hit", "l1", l1Hits);
        _metrics.Count(model.Name, "hit", "l2", l2Hits);
        _metrics.Count(model.Name, "miss", "none", missing.Count);
        var responses = new InferenceResponse[items.Count];
        if (missing.Count > 0)
        {
            var sub = missing.Count == items.Count ? request : batch.JoinRequests(request, missing.Select(i => items[i]).ToList());
            var computed = await compute(sub, cancellationToken).ConfigureAwait(false);
            if (computed.StatusCode != 200 || computed.Tensors is not null)
            {
                return With(computed, CacheOutcome.Miss with { ItemHits = 0, Items = items.Count });
            }

            var parts = batch.SplitResponse(computed, missing.Count);
            if (parts.Count != missing.Count)
            {
                throw new Errors.InferenceException($"Model {model.Name} split a batch response of {missing.Count} items into {parts.Count}.");
            }

            var writes = new List<(PredictionKey, InferenceResponse)>(missing.Count);
            for (var j = 0; j < missing.Count; j++)
            {
                responses[missing[j]] = parts[j];
                if (IsCacheable(parts[j]))
                {
                    writes.Add((keys[missing[j]], parts[j]));
                }
            }

            await WriteAsync(model, writes, ttl, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (found[i] is { } v)
            {
                responses[i] = InferenceResponse.FromUtf8(v.Body, v.StatusCode);
            }
        }

        var joined = batch.JoinResponses(request, responses);
        var outcome = missing.Count > 0
            ? new CacheOutcome("miss", null, items.Count - missing.Count, items.Count)
            : new CacheOutcome("hit", l2Hits > 0 ? "l2" : "l1", items.Count, items.Count);
        return With(joined, outcome);
    }

    private async ValueTask<CachedResponse?[]> ReadL2Async(IReadOnlyList<PredictionKey> keys, CancellationToken cancellationToken)
    {
        var result = new CachedResponse?[keys.Count];
        if (!StoreUsable)
        {
            return result;
        }

        var store = Store!;
        var start = Stopwatch.GetTimestamp();
        IReadOnlyList<byte[]?> raw;
        try
        {
            var task = store.GetManyAsync(keys, cancellationToken);
            raw = task.IsCompletedSuccessfully
                ? task.Result
                : await Bounded(task.AsTask(), _options.StoreTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StoreFailed("get", ex);
            return result;
        }

        _metrics.StoreSeconds.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, new("store", store.Name), new("op", "get"));
        for (var i = 0; i < keys.Count && i < raw.Count; i++)
        {
            if (raw[i] is not { } bytes)
            {
                continue;
            }

            var text = keys[i].ToString();
            if (CacheEntryCodec.TryDecode(text, bytes, out var status, out var body))
            {
                result[i] = new CachedResponse(status, body);
                continue;
            }

            CacheLog.CorruptEntry(_logger, text, store.Name);
            _metrics.StoreErrors.Add(1, new("store", store.Name), new("op", "get"), new("reason", "corrupt"));
            try
            {
                await Bounded(store.RemoveAsync(keys[i], cancellationToken).AsTask(), _options.StoreWriteTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                StoreFailed("remove", ex);
            }
        }

        return result;
    }

    private async ValueTask WriteAsync(IModel model, IReadOnlyList<(PredictionKey Key, InferenceResponse Response)> entries, TimeSpan ttl, CancellationToken cancellationToken)
    {
        foreach (var (key, response) in entries)
        {
            Memory.Set(key.ToString(), model.Name, new CachedResponse(response.StatusCode, response.Json), L1Ttl(ttl));
        }

        if (entries.Count == 0 || !StoreUsable)
        {
            return;
        }

        var store = Store!;
        var start = Stopwatch.GetTimestamp();
        try
        {
            var writes = entries.Select(e => store.SetAsync(e.Key, CacheEntryCodec.Encode(e.Key.ToString(), e.Response.StatusCode, e.Response.Json.Span), ttl, cancellationToken).AsTask());
            await Bounded(Task.WhenAll(writes), _options.StoreWriteTimeout, cancellationToken).ConfigureAwait(false);
            _metrics.StoreSeconds.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, new("store", store.Name), new("op", "set"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StoreFailed("set", ex);
        }
    }

    private async Task<T> Bounded<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The store call may still fail later; observe it so it is not reported as unobserved.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private async Task Bounded(Task task, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Bounded(task.ContinueWith(static t => { t.GetAwaiter().GetResult(); return true; }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), timeout, cancellationToken).ConfigureAwait(false);

    private void StoreFailed(string operation, Exception ex)
    {
        var store = Store?.Name ?? "none";
        var reason = ex is TimeoutException ? "timeout" : ex is PredictionStoreUnavailableException ? "unavailable" : "error";
        Volatile.Write(ref _lastStoreError, $"{operation}: {ex.Message}");
        Interlocked.Exchange(ref _storeDownUntilTicks, _time.GetTimestamp() + (long)(_options.StoreRetryAfter.TotalSeconds * _time.TimestampFrequency));
        _metrics.StoreErrors.Add(1, new("store", store), new("op", operation), new("reason", reason));
        CacheLog.StoreFailed(_logger, store, operation, reason, _options.StoreRetryAfter.TotalMilliseconds, ex is TimeoutException ? null : ex);
    }

    private TimeSpan L1Ttl(TimeSpan modelTtl) => modelTtl < _options.MemoryMaxAge ? modelTtl : _options.MemoryMaxAge;

    private static bool IsCacheable(InferenceResponse response) =>
        response.StatusCode == 200 && response.Tensors is null && !response.Json.IsEmpty;

    private static InferenceResponse FromCached(CachedResponse cached, CacheOutcome outcome) =>
        new() { Json = cached.Body, StatusCode = cached.StatusCode, Cache = outcome };

    private static InferenceResponse With(InferenceResponse response, CacheOutcome outcome) =>
        new() { Json = response.Json, Tensors = response.Tensors, StatusCode = response.StatusCode, Cache = outcome };
}
