using System.Text.Json;
using LiftWing.Core.Caching;
using LiftWing.Core.Errors;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using StackExchange.Redis;

namespace LiftWing.Server.Events.Changeprop;

/// <summary>
/// Lift Wing's changeprop, in process: page_change events wait in a Redis stream; workers share it through a
/// consumer group (<c>XREADGROUP</c>), acknowledge each entry when every model has handled it (<c>XACK</c>), and
/// take over entries a dead worker left pending (<c>XAUTOCLAIM</c> after <see cref="PageChangeStreamOptions.ClaimIdle"/>),
/// so every event is processed at least once. Per model, the match rule decides, then the data plane predicts
/// with <c>{"event": …}</c> (which caches and emits); a prediction is computed once across workers: a worker
/// claims the cache key before computing, and the others wait for the cached answer. The event id is derived
/// from the page_change, so reprocessing emits nothing new.
/// </summary>
public sealed class PageChangeStreamWorker
{
    private static readonly Dictionary<string, string> s_headers = new(StringComparer.OrdinalIgnoreCase) { ["user-agent"] = "liftwing-stream" };
    private readonly IDatabase _db;
    private readonly InferenceService _inference;
    private readonly PredictionCache? _cache;
    private readonly EventsOptions _events;
    private readonly PageChangeStreamOptions _options;
    private readonly TimeProvider _time;
    private RedisValue _claimCursor = "0-0";
    private long _claimed;

    /// <summary>Creates a worker on a Redis connection.</summary>
    public PageChangeStreamWorker(IConnectionMultiplexer redis, InferenceService inference, EventsOptions events, PageChangeStreamOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _db = redis.GetDatabase();
        _inference = inference ?? throw new ArgumentNullException(nameof(inference));
        _cache = inference.Cache;
        _events = events ?? new EventsOptions();
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Entries this worker took over from idle consumers (dead workers, or its own deferred entries).</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

    /// <summary>Appends a page_change event (JSON, or <c>{"event": …}</c>) to the stream; returns its entry id.</summary>
    public static async Task<string> FeedAsync(IDatabase db, PageChangeStreamOptions options, string json)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var id = await db.StreamAddAsync(options.StreamKey, "event", json, maxLength: options.MaxLength, useApproximateMaxLength: true).ConfigureAwait(false);
        return id.ToString();
    }

    /// <summary>Creates the consumer group (from the start of the stream) unless it exists.</summary>
    public async Task EnsureGroupAsync()
    {
        try
        {
            await _db.StreamCreateConsumerGroupAsync(_options.StreamKey, _options.Group, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // another worker created it
        }
    }

    /// <summary>Processes entries until cancelled (or drained, with <see cref="PageChangeStreamOptions.StopWhenDrained"/>).</summary>
    public async Task RunAsync(IReadOnlyList<IModel> models, Action<StreamItemResult>? onItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        await EnsureGroupAsync().ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = await ClaimStaleAsync().ConfigureAwait(false);
            if (entries.Length == 0)
            {
                entries = await _db.StreamReadGroupAsync(_options.StreamKey, _options.Group, _options.Consumer, ">", _options.Concurrency * 2).ConfigureAwait(false);
            }

            if (entries.Length == 0)
            {
                if (_options.StopWhenDrained && await DrainedAsync().ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken }, async (entry, ct) =>
            {
                if (await ProcessEntryAsync(entry, models, onItem, ct).ConfigureAwait(false))
                {
                    await _db.StreamAcknowledgeAsync(_options.StreamKey, _options.Group, entry.Id).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
    }

    private async Task<StreamEntry[]> ClaimStaleAsync()
    {
        var result = await _db.StreamAutoClaimAsync(_options.StreamKey, _options.Group, _options.Consumer, (long)_options.ClaimIdle.TotalMilliseconds, _claimCursor, _options.Concurrency * 2).ConfigureAwait(false);
        _claimCursor = result.NextStartId;
        var entries = result.ClaimedEntries.Where(e => !e.IsNull).ToArray();
        Interlocked.Add(ref _claimed, entries.Length);
        return entries;
    }

    private async Task<bool> DrainedAsync()
    {
        var groups = await _db.StreamGroupInfoAsync(_options.StreamKey).ConfigureAwait(false);
        var group = groups.FirstOrDefault(g => g.Name == _options.Group);
        var info = await _db.StreamInfoAsync(_options.StreamKey).ConfigureAwait(false);
        return group.PendingMessageCount == 0 && (info.Length == 0 || group.LastDeliveredId == info.LastGeneratedId);
    }

    // True when the entry is done (ack it); false leaves it pending for this or another worker to retry.
    private async Task<bool> ProcessEntryAsync(StreamEntry entry, IReadOnlyList<IModel> models, Action<StreamItemResult>? onItem, CancellationToken cancellationToken)
    {
        var id = entry.Id.ToString();
        var raw = entry["event"];
        JsonDocument body;
        try
        {
            body = WrapEvent(raw.IsNull ? "" : raw.ToString());
        }
        catch (JsonException)
        {
            foreach (var m in models)
            {
                onItem?.Invoke(new StreamItemResult(id, m.Name, null, "skipped:not JSON"));
            }

            return true;
        }

        using (body)
        {
            var done = true;
            var ev = body.RootElement.GetProperty("event");
            foreach (var model in models)
            {
                var result = await ProcessOneAsync(id, model, ev, body.RootElement, cancellationToken).ConfigureAwait(false);
                onItem?.Invoke(result);
                done &= result.Outcome != "deferred";
            }

            return done;
        }
    }

    private async Task<StreamItemResult> ProcessOneAsync(string entryId, IModel model, JsonElement ev, JsonElement body, CancellationToken cancellationToken)
    {
        var match = _events.For(model.Name).Match ?? (model as IPredictionEventSource)?.DefaultMatch ?? PageChangeMatch.Any();
        if (!match.Matches(ev, out var why))
        {
            return new StreamItemResult(entryId, model.Name, null, "skipped:" + why);
        }

        var request = new InferenceRequest { ModelName = model.Name, Body = body, Headers = s_headers, RequestId = MetaId(ev) ?? entryId };
        string? own;
        try
        {
            own = model.Config.Cache.Enabled ? model.GetCacheKey(request) : null;
        }
        catch (LiftWingException)
        {
            own = null;
        }

        if (own is not null && _cache is not null)
        {
            var key = new PredictionKey(model.Name, model.Version, own);
            if (!await _cache.ContainsAsync(key, cancellationToken).ConfigureAwait(false)
                && !await _cache.TryClaimAsync(key, _options.ComputeClaimTtl, cancellationToken).ConfigureAwait(false)
                && !await WaitForOtherWorkerAsync(key, cancellationToken).ConfigureAwait(false))
            {
                return new StreamItemResult(entryId, model.Name, own, "deferred");
            }
        }

        try
        {
            var response = await _inference.InferAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != 200)
            {
                return new StreamItemResult(entryId, model.Name, own, $"failed:{response.StatusCode}");
            }

            return new StreamItemResult(entryId, model.Name, own, response.Cache?.Status == "hit" ? "cached" : "computed");
        }
        catch (LiftWingException ex)
        {
            // A bad or unscorable event is answered, not retried (changeprop retries only 502/503 from the server).
            return new StreamItemResult(entryId, model.Name, own, $"failed:{ex.StatusCode}");
        }
    }

    // Another worker holds the compute claim: wait for its answer to land in the cache (bounded by the claim).
    private async Task<bool> WaitForOtherWorkerAsync(PredictionKey key, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.ComputeClaimTtl;
        while (_time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
            if (await _cache!.ContainsAsync(key, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonDocument WrapEvent(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var ev = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var inner) ? inner : root;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("event");
            ev.WriteTo(w);
            w.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    private static string? MetaId(JsonElement ev) =>
        ev.ValueKind == JsonValueKind.Object && ev.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object
        && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}
