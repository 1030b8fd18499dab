using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LiftWing.Core.Caching;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// Fans a request out to one score per <c>(revid, model)</c>, all concurrent (upstream calls bounded over all
/// requests), upstream answers through the prediction cache, and merges them into ORES's v3 document.
/// </summary>
internal sealed class OresScorer : IDisposable
{
    private readonly OresUpstreamClient _upstream;
    private readonly OresInProcessScorer _inProcess;
    private readonly PredictionCache? _cache;
    private readonly SemaphoreSlim _upstreamGate;
    private readonly CacheSettings _cacheSettings;
    private readonly OresMetrics _metrics;
    private readonly ModelRepository _repository;
    private readonly TimeSpan _gateTimeout;
    private readonly ConcurrentDictionary<(string Context, string Model), OresCacheModel> _cacheModels = new();

    public OresScorer(OresUpstreamClient upstream, OresInProcessScorer inProcess, ModelRepository repository, OresMetrics metrics, IOptions<OresOptions> options, PredictionCache? cache = null)
    {
        _repository = repository;
        _metrics = metrics;
        _gateTimeout = options.Value.UpstreamTimeout;
        _upstream = upstream;
        _inProcess = inProcess;
        _cache = cache;
        _upstreamGate = new SemaphoreSlim(options.Value.MaxConcurrentUpstreamCalls);
        _cacheSettings = new CacheSettings { Ttl = options.Value.CacheTtl };
    }

    /// <summary>
    /// The document <c>{context: {"models": {...}, "scores": {revid: {model: ...}}}}</c>; <paramref name="modelInfo"/>
    /// replaces a model's <c>{"version"}</c> when given.
    /// </summary>
    public async Task<JsonObject> ScoreAsync(string context, IReadOnlyList<OresModelEntry> models, IReadOnlyList<long> revids, bool features,
        IReadOnlyDictionary<string, JsonObject>? modelInfo, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<(long, string), Task<OresScore>>();
        foreach (var revid in revids)
        {
            foreach (var model in models)
            {
                if (!pending.ContainsKey((revid, model.Name)))
                {
                    pending[(revid, model.Name)] = ScoreOneAsync(model, revid, features, headers, cancellationToken);
                }
            }
        }

        await Task.WhenAll(pending.Values).ConfigureAwait(false);
        var modelsNode = new JsonObject();
        var scoresNode = new JsonObject();
        foreach (var revid in revids)
        {
            var key = revid.ToString(CultureInfo.InvariantCulture);
            if (scoresNode[key] is not JsonObject byModel)
            {
                scoresNode[key] = byModel = [];
            }

            foreach (var model in models)
            {
                var score = pending[(revid, model.Name)].Result;
                modelsNode[model.Name] = modelInfo is not null && modelInfo.TryGetValue(model.Name, out var info)
                    ? info.DeepClone()
                    : new JsonObject { ["version"] = score.Version };
                byModel[model.Name] = score.ToNode();
            }
        }

        return new JsonObject { [context] = new JsonObject { ["models"] = modelsNode, ["scores"] = scoresNode } };
    }

    private async Task<OresScore> ScoreOneAsync(OresModelEntry entry, long revid, bool features, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var resolved = Resolve(entry);
        var score = await BackendAsync(resolved, revid, features, headers, cancellationToken).ConfigureAwait(false);
        _metrics.Score(resolved, score);
        return score;
    }

    private Task<OresScore> BackendAsync(OresModelEntry entry, long revid, bool features, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        entry.Backend switch
        {
            // What ores-legacy gets for a model without a Lift Wing isvc: a 404 from the model server.
            OresBackendKind.None => Task.FromResult(OresScore.Error(entry, revid, $"Model with name {entry.Isvc} does not exist.", "Not Found")),
            OresBackendKind.LiftWing => _inProcess.ScoreAsync(entry, revid, features, cancellationToken),
            _ => UpstreamAsync(entry, revid, features, headers, cancellationToken),
        };

    // "auto" serves a model in process by its isvc name (e.g. enwiki-damaging) when this process has one.
    private OresModelEntry Resolve(OresModelEntry entry) =>
        entry.Backend == OresBackendKind.Auto && _repository.TryGet(entry.Isvc, out _)
            ? entry with { Backend = OresBackendKind.LiftWing, LiftWingModel = entry.Isvc }
            : entry;

    private async Task<OresScore> UpstreamAsync(OresModelEntry entry, long revid, bool features, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (_cache is null)
        {
            return await GatedAsync(entry, revid, features, cancellationToken).ConfigureAwait(false);
        }

        var model = _cacheModels.GetOrAdd((entry.Context, entry.Name), static (_, s) => new OresCacheModel(s.entry, s.settings), (entry, settings: _cacheSettings));
        var request = new InferenceRequest { ModelName = model.Config.Name, Headers = headers };
        request.Items[OresCacheModel.KeyItem] = features ? $"{revid}:features" : revid.ToString(CultureInfo.InvariantCulture);
        OresScore? computed = null;
        var response = await _cache.GetOrComputeAsync(model, request, async (_, ct) =>
        {
            computed = await GatedAsync(entry, revid, features, ct).ConfigureAwait(false);
            // Only 200s are stored, so per-score errors are never cached.
            return InferenceResponse.FromUtf8(computed.ToCacheBytes(), computed.IsError ? 502 : 200);
        }, cancellationToken).ConfigureAwait(false);
        return computed ?? OresScore.FromCacheBytes(response.Json.Span);
    }

    private async Task<OresScore> GatedAsync(OresModelEntry entry, long revid, bool features, CancellationToken cancellationToken)
    {
        // Waiting for a slot is bounded too: a saturated upstream degrades scores, it does not pile up requests.
        if (!await _upstreamGate.WaitAsync(_gateTimeout, cancellationToken).ConfigureAwait(false))
        {
            return OresScore.Error(entry, revid, $"Timed out after {_gateTimeout.TotalSeconds:0.###} seconds waiting for an upstream slot.", "TimeoutError");
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            return await _upstream.ScoreAsync(entry, revid, features, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _upstreamGate.Release();
            _metrics.Upstream(Stopwatch.GetElapsedTime(start));
        }
    }

    public void Dispose() => _upstreamGate.Dispose();
}
