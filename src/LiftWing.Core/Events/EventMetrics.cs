using System.Diagnostics.Metrics;
using LiftWing.Core.Telemetry;

namespace LiftWing.Core.Events;

/// <summary>The events pipeline's instruments, on LiftWing's one meter.</summary>
public sealed class EventMetrics
{
    private long _pending;
    private long _dead;
    private double _oldestAgeSeconds;

    /// <summary>Creates the instruments.</summary>
    public EventMetrics(LiftWingMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        Queued = meter.CreateCounter<long>("liftwing_events_queued", description: "Events built and queued for the outbox, by model.");
        Sent = meter.CreateCounter<long>("liftwing_events_sent", description: "Events EventGate accepted.");
        Retried = meter.CreateCounter<long>("liftwing_events_retried", description: "Event deliveries that failed and will be retried, by reason.");
        DeadLettered = meter.CreateCounter<long>("liftwing_events_dead_lettered", description: "Events moved to the dead letters, by reason (invalid, rejected, expired).");
        Dropped = meter.CreateCounter<long>("liftwing_events_dropped", description: "Events not built or not queued (build error, full queue), by reason.");
        PostSeconds = meter.CreateHistogram<double>("liftwing_eventgate_post_seconds", "s", "EventGate POST duration by status (or error).");
        meter.CreateObservableGauge("liftwing_events_outbox_pending", () => Interlocked.Read(ref _pending), description: "Events in the outbox waiting for EventGate.");
        meter.CreateObservableGauge("liftwing_events_dead_letters", () => Interlocked.Read(ref _dead), description: "Events in the dead letters.");
        meter.CreateObservableGauge("liftwing_events_oldest_age_seconds", () => Volatile.Read(ref _oldestAgeSeconds), "s", "Age of the oldest event waiting in the outbox.");
    }

    /// <summary>Events queued.</summary>
    public Counter<long> Queued { get; }

    /// <summary>Events accepted.</summary>
    public Counter<long> Sent { get; }

    /// <summary>Deliveries to retry.</summary>
    public Counter<long> Retried { get; }

    /// <summary>Events dead-lettered.</summary>
    public Counter<long> DeadLettered { get; }

    /// <summary>Events dropped.</summary>
    public Counter<long> Dropped { get; }

    /// <summary>POST duration.</summary>
    public Histogram<double> PostSeconds { get; }

    /// <summary>Updates the outbox gauges.</summary>
    public void Observe(OutboxStats stats, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stats);
        Interlocked.Exchange(ref _pending, stats.Pending);
        Interlocked.Exchange(ref _dead, stats.DeadLetters);
        Volatile.Write(ref _oldestAgeSeconds, stats.OldestCreatedAt is { } t ? Math.Max(0, (now - t).TotalSeconds) : 0);
    }
}
