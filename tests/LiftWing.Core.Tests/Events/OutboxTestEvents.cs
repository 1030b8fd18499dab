using System.Text.Json.Nodes;
using LiftWing.Core.Events;
using LiftWing.Core.Telemetry;
using LiftWing.Tests.Common.Events;

namespace LiftWing.Core.Tests.Events;

/// <summary>Outbox events built the way the emitter builds them, from variants of the recorded page_change.</summary>
internal static class OutboxTestEvents
{
    private static readonly PredictedClassification s_rr = new("revertrisk-language-agnostic", "1", ["true"], [new("true", 0.7), new("false", 0.3)]);

    public static OutboxEvent Valid(int n, TimeProvider? time = null) => Make(n, null, time);

    /// <summary>An event without <c>dt</c>: EventGate's schema check rejects it.</summary>
    public static OutboxEvent Invalid(int n) => Make(n, ev => ev.Remove("dt"), null);

    private static OutboxEvent Make(int n, Action<JsonObject>? change, TimeProvider? time)
    {
        var emitter = PredictionEventEmitter.Create(new EventsOptions { EventGateUrl = "http://127.0.0.1:9/v1/events" }, new LiftWingMetrics(), time);
        return emitter.Build(PageChangeEvents.Element(PageChangeEvents.Variant(n, 1000 + n, change)), s_rr, "test.stream", EventSchemas.PredictionClassificationChange11);
    }
}
