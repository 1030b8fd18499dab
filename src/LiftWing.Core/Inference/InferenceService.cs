using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using LiftWing.Core.Caching;
using LiftWing.Core.Errors;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Inference;

/// <summary>
/// The protocol-agnostic data plane (KServe's DataPlane): finds the model, runs preprocess → predict →
/// postprocess under a per-request timeout, and records stage metrics. Protocol adapters call only this.
/// </summary>
public sealed class InferenceService
{
    private readonly ModelRepository _repository;
    private readonly LiftWingMetrics _metrics;
    private readonly InferenceOptions _options;
    private readonly PredictionCache? _cache;
    private readonly Events.PredictionEventEmitter? _events;

    /// <summary>Creates the service; with a <paramref name="cache"/> every request goes through it; <paramref name="events"/> sees every answer.</summary>
    public InferenceService(ModelRepository repository, LiftWingMetrics metrics, IOptions<InferenceOptions> options, PredictionCache? cache = null, Events.PredictionEventEmitter? events = null)
    {
        _cache = cache;
        _events = events is { Enabled: true } ? events : null;
        _repository = repository;
        _metrics = metrics;
        _options = options?.Value ?? new InferenceOptions();
    }

    /// <summary>The repository the service reads models from.</summary>
    public ModelRepository Repository => _repository;

    /// <summary>The prediction cache, when one is configured.</summary>
    public PredictionCache? Cache => _cache;

    /// <summary>Runs one request. Throws <see cref="LiftWingException"/>s that the edge maps to status codes.</summary>
    public async ValueTask<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The lease keeps this instance alive until the answer is written: an unload or reload waits for it.
        using var lease = _repository.Acquire(request.ModelName);
        var model = lease.Model;
        if (_cache is not null && TryAnswerHit(model, request, out var cached))
        {
            return cached;
        }

        var tag = new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, model.Config.Name);
        var start = Stopwatch.GetTimestamp();

        var status = 500;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var response = _cache is null
                ? await RunStagesAsync(model, request, tag, timeout.Token).ConfigureAwait(false)
                : await _cache.GetOrComputeAsync(model, request, (r, ct) => RunStagesAsync(model, r, tag, ct), timeout.Token).ConfigureAwait(false);
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A stage that ignored the token finished late: the answer is past the deadline, so it is a 504 all the same.
                throw new OperationCanceledException(timeout.Token);
            }

            status = response.StatusCode;
            _events?.OnResponse(model, request, response); // never throws, never waits
            return response;
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is not LiftWingException { StatusCode: < 500 })
        {
            // Whatever a stage threw once the deadline passed (a cancelled HTTP call, a terminated ONNX run) is the timeout.
            status = 504;
            throw new LiftWingException(ErrorKind.Timeout, $"The request to model {model.Config.Name} timed out after {_options.RequestTimeout.TotalSeconds:0.###} s.", ex);
        }
        catch (Exception ex)
        {
            status = ErrorTable.Map(ex).StatusCode;
            throw;
        }
        finally
        {
            RecordRequest(start, tag, status);
        }
    }

    /// <summary>Whether answered requests become prediction events (which read the request body).</summary>
    public bool EmitsEvents => _events is not null;

    /// <summary>
    /// Answers a request from the in-process cache tier only, recording it as <see cref="InferAsync"/> records a hit;
    /// false (nothing recorded) when there is no cache, the model is not ready or the answer is not in memory. For the
    /// edge's cached-hit lane, which falls back to the full path on false. <paramref name="keyedBy"/>, when given, is the
    /// model instance the caller's key belongs to: the one that made a key it supplied
    /// (<see cref="InferenceRequest.CacheKey"/>), or the one it will remember the key made now for. If a reload has put
    /// another instance under the name since, nothing is answered or keyed (false).
    /// </summary>
    public bool TryAnswerFromMemory(InferenceRequest request, IModel? keyedBy, [NotNullWhen(true)] out InferenceResponse? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        response = null;
        if (_cache is null || !_repository.TryGet(request.ModelName, out var found) || !found.State.IsReady)
        {
            return false;
        }

        ModelLease lease;
        try
        {
            lease = _repository.Acquire(request.ModelName);
        }
        catch (LiftWingException)
        {
            // Unloaded between the check and the lease: the full path reports it.
            return false;
        }

        using (lease)
        {
            return (keyedBy is null || ReferenceEquals(keyedBy, lease.Model)) && TryAnswerHit(lease.Model, request, out response);
        }
    }

    // An L1 hit, recorded as every answered request is: the request metrics and the events.
    private bool TryAnswerHit(IModel model, InferenceRequest request, [NotNullWhen(true)] out InferenceResponse? response)
    {
        var start = Stopwatch.GetTimestamp();
        if (!TryAnswerFromMemory(model, request, out response))
        {
            return false;
        }

        RecordRequest(start, new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, model.Config.Name), response.StatusCode);
        _events?.OnResponse(model, request, response);
        return true;
    }

    // An L1 hit needs no deadline and no stages: answered before either is set up. A model whose key threw is left to
    // the full path, which reports the error as it always has.
    private bool TryAnswerFromMemory(IModel model, InferenceRequest request, [NotNullWhen(true)] out InferenceResponse? response)
    {
        try
        {
            return _cache!.TryGetFromMemory(model, request, out response);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            response = null;
            return false;
        }
    }

    private void RecordRequest(long start, KeyValuePair<string, object?> tag, int status)
    {
        var statusTag = new KeyValuePair<string, object?>("status_code", StatusBox.Get(status));
        _metrics.Request.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tag, statusTag);
        _metrics.Requests.Add(1, tag, statusTag);
    }

    /// <summary>Runs the three stages, timing each.</summary>
    public async ValueTask<InferenceResponse> RunStagesAsync(IModel model, InferenceRequest request, KeyValuePair<string, object?> tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t0 = Stopwatch.GetTimestamp();
        var input = await model.PreprocessAsync(request, cancellationToken).ConfigureAwait(false);
        var t1 = Stopwatch.GetTimestamp();
        _metrics.Preprocess.Record(Stopwatch.GetElapsedTime(t0, t1).TotalSeconds, tag);
        object? output;
        try
        {
            output = await model.PredictAsync(input, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not LiftWingException and not OperationCanceledException)
        {
            throw InferenceException.Unexpected(ex);
        }

        var t2 = Stopwatch.GetTimestamp();
        _metrics.Predict.Record(Stopwatch.GetElapsedTime(t1, t2).TotalSeconds, tag);
        var response = await model.PostprocessAsync(output, request, cancellationToken).ConfigureAwait(false);
        _metrics.Postprocess.Record(Stopwatch.GetElapsedTime(t2).TotalSeconds, tag);
        return response;
    }
}
