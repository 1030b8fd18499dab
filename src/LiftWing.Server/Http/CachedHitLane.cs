using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Server.Gateway;
using LiftWing.Server.Routing;
using LiftWing.Server.Slo;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Http;

/// <summary>
/// The first middleware when a prediction cache is configured: answers a plain V1 predict whose answer is in the
/// in-process tier before routing and the rest of the pipeline run, since on a hit they cost more than the lookup
/// itself. It only ever answers the ordinary case: a complete JSON body within the model's limits, no token, no
/// CORS origin, no content encoding, no Host-selected service, and a 2xx answer in memory. A request a rate limit
/// covers is counted here and the count handed to the gateway (<see cref="RateLimitDecision"/>), so it is counted once
/// whichever path answers it. Everything else, and every miss, goes on untouched to the full pipeline: the body is
/// only examined, not consumed, so the endpoint reads it again. What a hit does on the full path is done here too: the
/// same request validation (the body parsed and its text checked, the model's own key made from its validated input),
/// the request id, the stage and cache metrics, the SLO record and the X-Cache headers.
/// </summary>
internal sealed class CachedHitLane(
    RequestDelegate next,
    IServiceProvider services,
    IOptions<LiftWingServerOptions> serverOptions,
    IOptions<GatewayOptions> gatewayOptions,
    GatewayRateLimiter limiter,
    ClientAddressResolver addresses,
    SloRecorder slo,
    IOptions<SloOptions> sloOptions,
    TimeProvider time)
{
    // Bodies up to Kestrel's default request buffer, which can arrive whole before the first read. Larger ones go to
    // the endpoint untouched: a read here would fix the request's body-size limit (Kestrel's ceiling) before the
    // endpoint can raise it to the model's own limit.
    private const long MaxBody = 1024 * 1024;
    private readonly LiftWingServerOptions _options = serverOptions.Value;
    private readonly bool _cors = gatewayOptions.Value.Cors;
    private readonly bool _slo = sloOptions.Value.Enabled;

    // Resolved at the first request, as the endpoints resolve it: building it opens the cache's store.
    private InferenceService? _inference;

    private InferenceService Inference => _inference ??= services.GetRequiredService<InferenceService>();

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var inference = Inference;
        if (inference.Cache is null
            || !HttpMethods.IsPost(request.Method)
            || ModelName(request.Path.Value) is not { Length: > 0 } name
            || request.ContentLength is not { } length
            || request.Headers.ContentEncoding.Count > 0
            || request.Headers.Authorization.Count > 0
            || (_cors && request.Headers.Origin.Count > 0)
            || !inference.Repository.TryGet(name, out var model)
            || !model.Config.Cache.Enabled
            || length > Math.Min(MaxBody, model.Config.MaxRequestBodyBytes ?? _options.MaxRequestBodyBytes)
            || HostRouting.Select(request.Host.Value, inference.Repository) is not null)
        {
            return next(context);
        }

        var start = time.GetTimestamp();
        var ip = addresses.Resolve(context);
        var identity = GatewayMiddleware.Identify(null, ip, isAdmin: false, ip is not null && IPAddress.IsLoopback(ip));
        return limiter.Covers(context, identity) ? CountThenAnswerAsync(context, name, model, length, identity, start) : AnswerOrPass(context, name, model, length, start);
    }

    // A request a rate limit covers is counted here, once: the gateway applies this count (RateLimitDecision) if the
    // request goes on, so a refused request gets the gateway's own 429 through the full pipeline.
    private async Task CountThenAnswerAsync(HttpContext context, string name, IModel model, long length, GatewayIdentity identity, long start)
    {
        RateLimitRejection? rejection;
        try
        {
            rejection = await limiter.TryAcquireAsync(identity, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while its request was being counted, as in the gateway: nobody to answer.
            return;
        }
        catch (Exception)
        {
            // A store fault is the gateway's to report, through the error handler: it counts (and fails) there.
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Features.Set(rejection is null ? RateLimitDecision.Admitted : RateLimitDecision.Refused(rejection));
        await (rejection is null ? AnswerOrPass(context, name, model, length, start) : next(context)).ConfigureAwait(false);
    }

    private Task AnswerOrPass(HttpContext context, string name, IModel model, long length, long start)
    {
        var reader = context.Request.BodyReader;
        ReadResult read;
        try
        {
            if (!reader.TryRead(out read))
            {
                return next(context);
            }
        }
        catch (Exception)
        {
            // A broken body is the endpoint's to report (RequestBodyReader turns it into a 4xx); its read fails the same way.
            return next(context);
        }

        if (!read.IsCompleted || read.Buffer.Length != length || !TryAnswer(context, name, model, read.Buffer, out var response))
        {
            // Examined, not consumed: the endpoint reads the same bytes again.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            return next(context);
        }

        reader.AdvanceTo(read.Buffer.End);
        return WriteAsync(context, name, response, start);
    }

    private async Task WriteAsync(HttpContext context, string name, InferenceResponse response, long start)
    {
        await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
        if (_slo && slo.Find(name) is { } model)
        {
            // The body went out in one write; what is left of the request is Kestrel's flush.
            slo.Record(model, response.StatusCode, time.GetElapsedTime(start).TotalSeconds);
        }
    }

    private bool TryAnswer(HttpContext context, string name, IModel model, ReadOnlySequence<byte> body, out InferenceResponse response)
    {
        response = null!;
        byte[]? rented = null;
        ReadOnlyMemory<byte> bytes;
        if (body.IsSingleSegment)
        {
            bytes = body.First;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
            body.CopyTo(rented);
            bytes = rented.AsMemory(0, (int)body.Length);
        }

        try
        {
            var contentType = context.Request.ContentType;

            // Prediction events read the request's body, so with them on every request is parsed.
            var memo = Inference.EmitsEvents ? null : BodyKeyMemo.For(model);
            if (memo?.Find(bytes.Span, contentType) is { } known)
            {
                // These bytes passed the checks below before and this model instance keyed them: the same key, without
                // the work. Both calls are bound to the instance, so a key is only made by, and only taken for, it.
                return TryAnswerFromMemory(context, NewRequest(context, name, default, known.Key, known.ItemKeys), model, out response);
            }

            // The endpoint's parse and checks (an object, valid text), over the pipe's bytes instead of a copy.
            using var doc = RequestBodyReader.ParseJsonInPlace(bytes, contentType, _options);
            var inferenceRequest = NewRequest(context, name, doc.RootElement, null, null);
            var answered = TryAnswerFromMemory(context, inferenceRequest, model, out response);
            memo?.Remember(bytes.Span, contentType, inferenceRequest.CacheKey, inferenceRequest.CacheKey is null ? inferenceRequest.ItemCacheKeys : null);

            return answered;
        }
        catch (Exception)
        {
            // Refused input (the full path answers it with its 400), or anything unexpected: nothing has been written
            // yet, so the full path, with its error handler and log, has the request as it came.
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static InferenceRequest NewRequest(HttpContext context, string name, JsonElement body, string? key, IReadOnlyList<string>? itemKeys) => new()
    {
        ModelName = name,
        Protocol = InferenceProtocol.V1,
        Body = body,
        RequestId = RequestIdMiddleware.FromRequest(context.Request),
        Headers = new ForwardedHeaders(context.Request.Headers),
        CacheKey = key,
        ItemCacheKeys = itemKeys,
    };

    private bool TryAnswerFromMemory(HttpContext context, InferenceRequest request, IModel? keyedBy, out InferenceResponse response)
    {
        if (!Inference.TryAnswerFromMemory(request, keyedBy, out var answer) || answer.StatusCode is < 200 or >= 300)
        {
            response = null!;
            return false;
        }

        context.Response.Headers[RequestIdMiddleware.HeaderName] = request.RequestId;
        response = answer;
        return true;
    }

    /// <summary>The model of <c>/v1/models/{name}:predict</c> (also under the public prefix), or null.</summary>
    internal static string? ModelName(string? path) =>
        SloEdgePaths.V1PredictModel(path) is { Length: > 0 } name ? name.ToString() : null;
}
