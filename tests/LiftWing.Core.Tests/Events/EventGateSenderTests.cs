using LiftWing.Core.Events;
using LiftWing.Core.Telemetry;
using LiftWing.Tests.Common.Events;
using Microsoft.Extensions.Time.Testing;

namespace LiftWing.Core.Tests.Events;

/// <summary>The sender against a real local fake EventGate, one round at a time.</summary>
public sealed class EventGateSenderTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-sender-").FullName;
    private readonly FakeEventGate _gate = new();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private SqliteEventOutbox _outbox = null!;
    private EventGateSender _sender = null!;
    private EventsOptions _options = null!;

    public Task InitializeAsync()
    {
        _options = new EventsOptions
        {
            EventGateUrl = _gate.Url,
            RequestTimeout = TimeSpan.FromSeconds(20), // a loaded machine must not turn a slow answer into a retry
            RetryBase = TimeSpan.FromMilliseconds(1),
            RetryMax = TimeSpan.FromMilliseconds(2),
            UserAgent = "liftwing-test",
        };
        _outbox = new SqliteEventOutbox(Path.Combine(_dir, "events.db"), TimeProvider.System);
        _sender = new EventGateSender(_http, _outbox, _options, new EventMetrics(new LiftWingMetrics()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _outbox.DisposeAsync();
        await _gate.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dir, true);
    }

    private async Task<IReadOnlyList<OutboxEvent>> QueueAsync(params OutboxEvent[] events)
    {
        await _outbox.AppendAsync(events, default);
        return events;
    }

    [Fact]
    public async Task Created_AcknowledgesTheWholeBatch()
    {
        var events = await QueueAsync(OutboxTestEvents.Valid(1), OutboxTestEvents.Valid(2), OutboxTestEvents.Valid(3));

        var result = await _sender.SendOnceAsync(default);

        Assert.Equal((3, 3, 0, 0), (result.Leased, result.Sent, result.Retried, result.DeadLettered));
        Assert.Equal(events.Select(e => e.Id), _gate.AcceptedIds);
        Assert.Equal(0, (await _outbox.GetStatsAsync(default)).Pending);
        Assert.Equal("liftwing-test", _gate.LastUserAgent);
    }

    [Fact]
    public async Task MultiStatus_RetriesOnlyTheFailedOnes_AndDeadLettersTheInvalid()
    {
        await QueueAsync(OutboxTestEvents.Valid(1), OutboxTestEvents.Valid(2), OutboxTestEvents.Invalid(3), OutboxTestEvents.Valid(4));
        _gate.Script((EventGateMode.PartialErrors, 1));

        var result = await _sender.SendOnceAsync(default);

        Assert.Equal((4, 2, 1, 1), (result.Leased, result.Sent, result.Retried, result.DeadLettered));
        Assert.False(result.Transient);
        var dead = Assert.Single(await _outbox.GetDeadLettersAsync(10, default));
        Assert.Equal("invalid", dead.Reason);
        Assert.Contains("dt", dead.Context, StringComparison.Ordinal);
        await Task.Delay(10); // past the (1–2 ms) retry delay
        var second = await _sender.SendOnceAsync(default);
        Assert.Equal((1, 1), (second.Leased, second.Sent));
        Assert.Equal(3, _gate.AcceptedIds.Distinct().Count());
        Assert.Equal(3, _gate.AcceptedIds.Count);
    }

    [Fact]
    public async Task AllInvalid_Is400_DeadLetteredAndNeverRetried()
    {
        await QueueAsync(OutboxTestEvents.Invalid(1), OutboxTestEvents.Invalid(2));

        var result = await _sender.SendOnceAsync(default);

        Assert.Equal((2, 0, 0, 2), (result.Leased, result.Sent, result.Retried, result.DeadLettered));
        Assert.Equal(SendResult.Idle, await _sender.SendOnceAsync(default));
        Assert.Equal(2, (await _outbox.GetStatsAsync(default)).DeadLetters);
    }

    [Fact]
    public async Task ServerError_RetriesEverything_AsATransientFailure()
    {
        await QueueAsync(OutboxTestEvents.Valid(1), OutboxTestEvents.Valid(2));
        _gate.Script((EventGateMode.ServerError, 1));

        var result = await _sender.SendOnceAsync(default);

        Assert.Equal((2, 0, 2, 0), (result.Leased, result.Sent, result.Retried, result.DeadLettered));
        Assert.True(result.Transient);
        Assert.Equal(2, (await _outbox.GetStatsAsync(default)).Pending);
    }

    [Fact]
    public async Task Hang_TimesOut_AndIsRetried()
    {
        await QueueAsync(OutboxTestEvents.Valid(1));
        _gate.Script((EventGateMode.Hang, 1));
        var sender = new EventGateSender(_http, _outbox, new EventsOptions { EventGateUrl = _gate.Url, RequestTimeout = TimeSpan.FromMilliseconds(300) }, new EventMetrics(new LiftWingMetrics()));

        var result = await sender.SendOnceAsync(default);

        Assert.True(result.Transient);
        Assert.StartsWith("timed out", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await _outbox.GetStatsAsync(default)).Pending);
        Assert.Empty(_gate.AcceptedIds);
    }

    [Fact]
    public async Task OldEvent_ThatStillFails_ExpiresIntoTheDeadLetters()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var old = OutboxTestEvents.Valid(1, time);
        await QueueAsync(old);
        _gate.Script((EventGateMode.ServerError, 1));
        var sender = new EventGateSender(_http, _outbox, new EventsOptions { EventGateUrl = _gate.Url, MaxAge = TimeSpan.FromHours(1) }, new EventMetrics(new LiftWingMetrics()), time);
        time.Advance(TimeSpan.FromHours(2));

        var result = await sender.SendOnceAsync(default);

        Assert.Equal(1, result.DeadLettered);
        Assert.Equal("expired", Assert.Single(await _outbox.GetDeadLettersAsync(10, default)).Reason);
    }

    [Theory]
    [InlineData(1, 500, 1000)]
    [InlineData(3, 2000, 4000)]
    [InlineData(30, 30000, 60000)]
    public void Backoff_DoublesWithJitter_UpToTheCap(int failures, double minMs, double maxMs)
    {
        for (var i = 0; i < 50; i++)
        {
            var d = EventGateSender.Backoff(failures, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)).TotalMilliseconds;
            Assert.InRange(d, minMs, maxMs);
        }
    }
}
