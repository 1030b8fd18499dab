using LiftWing.Core.Events;
using Microsoft.Extensions.Time.Testing;

namespace LiftWing.Core.Tests.Events;

public sealed class SqliteEventOutboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-outbox-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private string PathOf => System.IO.Path.Combine(_dir, "events.db");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Append_SameIdTwice_StoresItOnce()
    {
        await using var outbox = new SqliteEventOutbox(PathOf, _time);
        var e = OutboxTestEvents.Valid(1, _time);

        Assert.Equal(1, await outbox.AppendAsync([e, e], default));
        Assert.Equal(0, await outbox.AppendAsync([e], default));
        Assert.Equal(1, (await outbox.GetStatsAsync(default)).Pending);
    }

    [Fact]
    public async Task Lease_HidesEventsUntilRetried_ThenTheyAreDueAgain()
    {
        await using var outbox = new SqliteEventOutbox(PathOf, _time);
        await outbox.AppendAsync([OutboxTestEvents.Valid(1, _time), OutboxTestEvents.Valid(2, _time)], default);

        var leased = await outbox.LeaseDueAsync(10, TimeSpan.FromMinutes(1), default);
        Assert.Equal(2, leased.Count);
        Assert.Empty(await outbox.LeaseDueAsync(10, TimeSpan.FromMinutes(1), default));

        await outbox.RetryAsync([new OutboxRetry(leased[0].Id, _time.GetUtcNow().AddSeconds(5))], "HTTP 500", default);
        Assert.Empty(await outbox.LeaseDueAsync(10, TimeSpan.FromMinutes(1), default));
        _time.Advance(TimeSpan.FromSeconds(6));
        var again = Assert.Single(await outbox.LeaseDueAsync(10, TimeSpan.FromMinutes(1), default));
        Assert.Equal(leased[0].Id, again.Id);
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task Ack_RemovesAndRemembers_SoTheSameEventIsNotQueuedAgain()
    {
        await using var outbox = new SqliteEventOutbox(PathOf, _time);
        var e = OutboxTestEvents.Valid(1, _time);
        await outbox.AppendAsync([e], default);

        await outbox.AckAsync([e.Id], TimeSpan.FromDays(1), default);

        Assert.Equal(0, (await outbox.GetStatsAsync(default)).Pending);
        Assert.Equal(0, await outbox.AppendAsync([e], default));
    }

    [Fact]
    public async Task DeadLetter_KeepsEventAndContext_AndBlocksRequeue()
    {
        await using var outbox = new SqliteEventOutbox(PathOf, _time);
        var e = OutboxTestEvents.Invalid(1);
        await outbox.AppendAsync([e], default);

        await outbox.DeadLetterAsync([new DeadLetter(e, "invalid", """{"errors":["dt required"]}""")], default);

        var dead = Assert.Single(await outbox.GetDeadLettersAsync(10, default));
        Assert.Equal(e.Id, dead.Event.Id);
        Assert.Equal(e.Body, dead.Event.Body);
        Assert.Contains("dt required", dead.Context, StringComparison.Ordinal);
        var stats = await outbox.GetStatsAsync(default);
        Assert.Equal((0, 1), (stats.Pending, stats.DeadLetters));
        Assert.Equal(0, await outbox.AppendAsync([e], default));
    }

    [Fact]
    public async Task Reopen_ReleasesLeases_SoARestartResendsAtOnce()
    {
        await using (var first = new SqliteEventOutbox(PathOf, _time))
        {
            await first.AppendAsync([OutboxTestEvents.Valid(1, _time)], default);
            Assert.Single(await first.LeaseDueAsync(10, TimeSpan.FromHours(1), default));
        }

        await using var second = new SqliteEventOutbox(PathOf, _time);

        Assert.Single(await second.LeaseDueAsync(10, TimeSpan.FromHours(1), default));
    }

    [Fact]
    public async Task Stats_GiveTheOldestPendingEvent()
    {
        await using var outbox = new SqliteEventOutbox(PathOf, _time);
        var start = _time.GetUtcNow();
        await outbox.AppendAsync([OutboxTestEvents.Valid(1, _time)], default);
        _time.Advance(TimeSpan.FromMinutes(3));
        await outbox.AppendAsync([OutboxTestEvents.Valid(2, _time)], default);

        var stats = await outbox.GetStatsAsync(default);

        Assert.Equal(2, stats.Pending);
        Assert.Equal(start, stats.OldestCreatedAt);
    }
}
