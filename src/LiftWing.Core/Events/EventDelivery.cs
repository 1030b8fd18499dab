using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiftWing.Core.Events;

/// <summary>
/// The background half of events out: a writer moves built events from the emitter's queue into the outbox in
/// batches (one transaction each; an outbox failure is retried, the batch is kept), and a sender delivers due
/// events to EventGate, backing off while it fails. Stopping drains the queue into the outbox and gives the
/// sender <see cref="EventsOptions.ShutdownGrace"/>; what is not acknowledged stays for the next start.
/// </summary>
public sealed class EventDelivery : IAsyncDisposable
{
    private const int WriteBatch = 512;
    private readonly PredictionEventEmitter _emitter;
    private readonly IEventOutbox _outbox;
    private readonly EventGateSender _sender;
    private readonly EventsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _stopSending = new();
    private Task _writer = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    /// <summary>The <see cref="IHttpClientFactory"/> client name of the EventGate sender (<c>AddLiftWingEvents</c>).</summary>
    public const string HttpClientName = "eventgate";

    /// <summary>Creates the pipeline (not started); <paramref name="http"/> should have an infinite timeout (each POST is bounded here).</summary>
    public EventDelivery(PredictionEventEmitter emitter, IEventOutbox outbox, HttpClient http, TimeProvider? time = null, ILogger<EventDelivery>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _emitter = emitter ?? throw new ArgumentNullException(nameof(emitter));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _options = emitter.Options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _sender = new EventGateSender(http, outbox, _options, emitter.Metrics, _time, _logger);
    }

    /// <summary>The outbox.</summary>
    public IEventOutbox Outbox => _outbox;

    /// <summary>Starts the writer and the sender.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stats = await _outbox.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        _emitter.Metrics.Observe(stats, _time.GetUtcNow());
        EventLog.Started(_logger, _options.EventGateUrl!, _outbox.Name, stats.Pending, stats.DeadLetters);
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        _sending = Task.Run(() => SendLoopAsync(_stopSending.Token), CancellationToken.None);
    }

    /// <summary>Drains the queue into the outbox, lets the sender finish what is due (bounded), then stops it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _emitter.Complete();
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        _wake.Set();
        var deadline = _time.GetUtcNow() + _options.ShutdownGrace;
        try
        {
            while (_time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested
                && (await _outbox.GetStatsAsync(cancellationToken).ConfigureAwait(false)).Pending > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EventLog.OutboxFailed(_logger, _outbox.Name, "stats", 0, ex);
        }
        finally
        {
            await _stopSending.CancelAsync().ConfigureAwait(false);
            await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits until the outbox has nothing pending (for tests, benchmarks and <c>precache</c>); false on timeout.</summary>
    public async Task<bool> WaitUntilDeliveredAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (_time.GetUtcNow() < deadline)
        {
            if (_emitter.Reader.Count == 0 && (await _outbox.GetStatsAsync(cancellationToken).ConfigureAwait(false)).Pending == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _emitter.Reader;
        var batch = new List<OutboxEvent>(WriteBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < WriteBatch && reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            for (var failures = 1; ; failures++)
            {
                try
                {
                    await _outbox.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex)
                {
                    // Keep the batch: the outbox (disk, Redis) coming back must not lose what was queued.
                    var delay = EventGateSender.Backoff(failures, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
                    EventLog.OutboxFailed(_logger, _outbox.Name, "append", delay.TotalMilliseconds, ex);
                    await Task.Delay(delay, _time).ConfigureAwait(false);
                }
            }

            batch.Clear();
            _wake.Set();
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var lastStats = long.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_time.GetTimestamp() - lastStats > _time.TimestampFrequency)
                {
                    lastStats = _time.GetTimestamp();
                    _emitter.Metrics.Observe(await _outbox.GetStatsAsync(cancellationToken).ConfigureAwait(false), _time.GetUtcNow());
                }

                var result = await _sender.SendOnceAsync(cancellationToken).ConfigureAwait(false);
                if (result.Leased == 0)
                {
                    failures = 0;
                    await _wake.WaitAsync(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                else if (result.Transient)
                {
                    failures++;
                    var delay = EventGateSender.Backoff(failures, _options.RetryBase, _options.RetryMax);
                    EventLog.DeliveryFailed(_logger, result.Leased, result.Reason, delay.TotalMilliseconds);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = EventGateSender.Backoff(failures, _options.RetryBase, _options.RetryMax);
                EventLog.OutboxFailed(_logger, _outbox.Name, "send", delay.TotalMilliseconds, ex);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopSending.CancelAsync().ConfigureAwait(false);
        await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopSending.Dispose();
        await _outbox.DisposeAsync().ConfigureAwait(false);
    }
}
