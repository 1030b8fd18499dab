using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;

namespace LiftWing.Core.Caching.Precache;

/// <summary>
/// Fills the prediction store from page_change events: a bounded queue between the reader and
/// <c>concurrency</c> workers (memory stays flat on an endless stream), and per model and event: skip when
/// cached, claim the key in the store (so workers sharing Redis never compute the same key twice), compute
/// through the data plane with <c>Cache-Control: no-cache</c> (which stores the answer).
/// </summary>
public sealed class Precacher(InferenceService inference, PredictionCache cache)
{
    private static readonly Dictionary<string, string> s_refresh = new(StringComparer.OrdinalIgnoreCase) { ["cache-control"] = "no-cache", ["user-agent"] = "liftwing-precache" };

    /// <summary>How long a claim holds (a worker that dies frees its keys after this). The default is 10 minutes.</summary>
    public TimeSpan ClaimTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Processes events until the source ends (or <paramref name="maxEvents"/>, or cancellation).</summary>
    public async Task<PrecacheSummary> RunAsync(IAsyncEnumerable<StreamEvent> events, IReadOnlyList<IModel> models, int concurrency, bool eventMode, long? maxEvents, Action<PrecacheSummary>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var summary = new PrecacheSummary();
        var queue = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(concurrency * 4) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(queue.Reader, models, eventMode, summary, cancellationToken), cancellationToken)).ToArray();
        var lastReport = Stopwatch.GetTimestamp();
        try
        {
            await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await queue.Writer.WriteAsync(e, cancellationToken).ConfigureAwait(false);
                summary.AddEvent();
                if (e.Id is not null)
                {
                    summary.LastEventId = e.Id;
                }

                if (onProgress is not null && Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(1))
                {
                    lastReport = Stopwatch.GetTimestamp();
                    onProgress(summary);
                }

                if (summary.Events >= maxEvents)
                {
                    break;
                }
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        return summary;
    }

    private async Task WorkAsync(ChannelReader<StreamEvent> reader, IReadOnlyList<IModel> models, bool eventMode, PrecacheSummary summary, CancellationToken cancellationToken)
    {
        await foreach (var e in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!PageChangeRequest.TryBuild(e.Data, eventMode, out var body, out _))
            {
                for (var i = 0; i < models.Count; i++)
                {
                    summary.AddSkipped();
                }

                continue;
            }

            using (body)
            {
                foreach (var model in models)
                {
                    await OneAsync(model, body!.RootElement, summary, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task OneAsync(IModel model, JsonElement body, PrecacheSummary summary, CancellationToken cancellationToken)
    {
        var request = new InferenceRequest { ModelName = model.Name, Body = body, Headers = s_refresh, RequestId = "precache" };
        string? own;
        try
        {
            own = model.Config.Cache.Enabled ? model.GetCacheKey(request) : null;
        }
        catch (LiftWingException)
        {
            own = null;
        }

        if (own is null)
        {
            summary.AddSkipped();
            return;
        }

        var key = new PredictionKey(model.Name, model.Version, own);
        if (await cache.ContainsAsync(key, cancellationToken).ConfigureAwait(false) || !await cache.TryClaimAsync(key, ClaimTtl, cancellationToken).ConfigureAwait(false))
        {
            summary.AddSkipped();
            return;
        }

        try
        {
            var response = await inference.InferAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == 200)
            {
                summary.AddDone();
            }
            else
            {
                summary.AddFailed();
            }
        }
        catch (LiftWingException)
        {
            summary.AddFailed();
        }
    }
}
