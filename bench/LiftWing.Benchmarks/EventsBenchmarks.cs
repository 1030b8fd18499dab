using BenchmarkDotNet.Attributes;
using LiftWing.Core.Events;
using LiftWing.Core.Inference;
using LiftWing.Core.Telemetry;

namespace LiftWing.Benchmarks;

/// <summary>
/// What events add to a <c>:predict</c> with an <c>event</c> (the recorded changeprop body, 4 kB): the same request
/// through the data plane with events off (baseline) and on (classification read back, event built with the
/// whitelists, queued), while the delivery (SQLite outbox, a 201 EventGate on loopback) runs in the background.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- --filter '*EventsBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
public class EventsBenchmarks
{
    private EventsBench _bench = null!;
    private InferenceService _off = null!;
    private InferenceService _on = null!;
    private EventDelivery _delivery = null!;
    private InferenceRequest _request = null!;
    private PredictionEventEmitter _emitter = null!;
    private readonly PredictedClassification _classification = new("rr", "1", ["false"], [new("true", 0.12), new("false", 0.88)]);

    [GlobalSetup]
    public void Setup()
    {
        _bench = EventsBench.StartAsync().GetAwaiter().GetResult();
        var emitter = _emitter = PredictionEventEmitter.Create(_bench.Options(), new LiftWingMetrics());
        _delivery = new EventDelivery(emitter, new SqliteEventOutbox(_bench.OutboxPath, TimeProvider.System), EventsBench.Http);
        _delivery.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _off = _bench.Inference(null);
        _on = _bench.Inference(emitter);
        // One page_change: every call emits the same meta.id, so the outbox keeps one row and the queue drains.
        _request = new InferenceRequest { ModelName = "rr", Body = EventsBench.EventBody(1) };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _delivery.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _delivery.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The request with events off.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<InferenceResponse> PredictWithEvent_EventsOff() => _off.InferAsync(_request, CancellationToken.None);

    /// <summary>Building the event alone (id, whitelisted copy, serialization), no queue.</summary>
    [Benchmark]
    public OutboxEvent BuildEventOnly() =>
        _emitter.Build(_request.Body.GetProperty("event"), _classification, "mediawiki.page_revert_risk_prediction_change.v1", EventsOptions.DefaultSchema);

    /// <summary>The same request with events on.</summary>
    [Benchmark]
    public ValueTask<InferenceResponse> PredictWithEvent_EventsOn() => _on.InferAsync(_request, CancellationToken.None);
}
