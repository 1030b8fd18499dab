using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Events;

/// <summary>
/// The request-side hook: after a 200 answer to a V1 request with an <c>event</c>, a model that is an
/// <see cref="IPredictionEventSource"/> gets its <c>prediction_classification_change</c> built and queued in
/// memory; <see cref="EventDelivery"/> moves it to the outbox. It never throws and never waits: a request is not
/// slowed or failed by events.
/// </summary>
public sealed class PredictionEventEmitter
{
    private readonly EventsOptions _options;
    private readonly EventMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<OutboxEvent> _queue;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Creates the emitter.</summary>
    public PredictionEventEmitter(IOptions<EventsOptions> options, EventMetrics metrics, TimeProvider time, ILogger<PredictionEventEmitter>? logger = null)
    {
        _options = options?.Value ?? new EventsOptions();
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _queue = Channel.CreateBounded<OutboxEvent>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Creates an emitter outside DI.</summary>
    public static PredictionEventEmitter Create(EventsOptions options, LiftWingMetrics metrics, TimeProvider? time = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options), new EventMetrics(metrics), time ?? TimeProvider.System);

    /// <summary>Whether events are built (an EventGate URL is configured).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>The options.</summary>
    public EventsOptions Options => _options;

    /// <summary>The metrics.</summary>
    public EventMetrics Metrics => _metrics;

    /// <summary>The built events, for the outbox writer.</summary>
    public ChannelReader<OutboxEvent> Reader => _queue.Reader;

    /// <summary>Whether a request is one that emits (V1, a JSON object with an <c>event</c>).</summary>
    public static bool CarriesEvent(InferenceRequest request) =>
        request is { Protocol: InferenceProtocol.V1, Body.ValueKind: JsonValueKind.Object } && request.Body.TryGetProperty("event", out _);

    /// <summary>Builds and queues the event for a model's answer, when there is one to send.</summary>
    public void OnResponse(IModel model, InferenceRequest request, InferenceResponse response)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (!_options.Enabled || response.StatusCode != 200 || response.Tensors is not null || model is not IPredictionEventSource source || !CarriesEvent(request))
        {
            return;
        }

        var settings = _options.For(model.Name);
        var ev = request.Body.GetProperty("event");
        if (!settings.Enabled || !PredictionEventBuilder.IsPageChange(ev))
        {
            return;
        }

        OutboxEvent built;
        try
        {
            if (!source.TryGetClassification(request, response.Json.Span, out var classification))
            {
                return;
            }

            built = Build(ev, classification, settings.Stream ?? source.DefaultEventStream, settings.Schema ?? _options.Schema);
        }
        catch (Exception ex)
        {
            _metrics.Dropped.Add(1, new(LiftWingMetrics.ModelNameTag, model.Name), new("reason", "build"));
            EventLog.BuildFailed(_logger, model.Name, ex.Message, ex);
            return;
        }

        if (!_queue.Writer.TryWrite(built))
        {
            _metrics.Dropped.Add(1, new(LiftWingMetrics.ModelNameTag, model.Name), new("reason", "queue_full"));
            EventLog.QueueFull(_logger, _options.QueueCapacity, model.Name);
            return;
        }

        _metrics.Queued.Add(1, new KeyValuePair<string, object?>(LiftWingMetrics.ModelNameTag, model.Name));
    }

    /// <summary>Builds one event (id, body) without queueing it.</summary>
    public OutboxEvent Build(JsonElement ev, PredictedClassification classification, string stream, string schema)
    {
        var profile = EventSchemaProfile.For(schema) ?? throw new ArgumentException($"unknown schema {schema}", nameof(schema));
        var id = PredictionEventBuilder.EventId(ev, stream, classification);
        // One growing buffer per thread: the event is built in place and copied out once (the outbox keeps the bytes).
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        PredictionEventBuilder.Write(buffer, ev, classification, schema, stream, id, profile);
        return new OutboxEvent(id, stream, buffer.WrittenSpan.ToArray(), _time.GetUtcNow());
    }

    /// <summary>No more events (shutdown): the writer drains what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
