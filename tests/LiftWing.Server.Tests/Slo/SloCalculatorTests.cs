using LiftWing.Server.Slo;

namespace LiftWing.Server.Tests.Slo;

public sealed class SloCalculatorTests
{
    private static readonly DateTimeOffset s_quarterStart = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static SloCounts Counts(long total, long errors, long ok, long fast) => new() { Total = total, Errors = errors, Ok = ok, Fast = fast };

    private static long Hour(DateTimeOffset t) => t.ToUnixTimeSeconds() / 3600;

    [Fact]
    public void Quarter_FirstDayAfterABadQuarter_BudgetIsFull_RollingIsNot()
    {
        var history = new SloHistory();
        var hours = SloHistory.Of(history.Hours, "m");
        // The last 10 days of February: half the requests fail, and every 2xx is slow.
        for (var h = Hour(s_quarterStart) - 240; h < Hour(s_quarterStart); h++)
        {
            hours[h] = Counts(100, 50, 50, 0);
        }

        // March 1st, 00:00–06:00: all good.
        for (var h = Hour(s_quarterStart); h < Hour(s_quarterStart) + 6; h++)
        {
            hours[h] = Counts(100, 0, 100, 100);
        }

        var report = SloCalculator.Build(s_quarterStart.AddHours(5.5), new SloOptions(), ["m"], history, "memory");
        var m = Assert.Single(report.Models);
        Assert.Equal(s_quarterStart, report.QuarterStart);
        Assert.Equal(1.0, m.Availability.BudgetRemainingQuarter);
        Assert.Equal(1.0, m.Latency.BudgetRemainingQuarter);
        Assert.Equal(1.0, m.Availability.Window("quarter").Sli);
        Assert.Equal(600, m.Availability.Window("quarter").Events);
        Assert.True(m.Availability.BudgetRemainingRolling < 0);
        Assert.True(m.Latency.Window("28d").Sli < 0.9);
    }

    [Fact]
    public void NoTraffic_NullSlis_FullBudgets_NoAlert()
    {
        var report = SloCalculator.Build(s_quarterStart.AddDays(3), new SloOptions(), ["idle"], new SloHistory(), "memory");
        var m = Assert.Single(report.Models);
        Assert.All(m.Availability.Windows.Concat(m.Latency.Windows), w =>
        {
            Assert.Null(w.Sli);
            Assert.Null(w.BurnRate);
        });
        Assert.Equal(1.0, m.Availability.BudgetRemainingRolling);
        Assert.Equal(1.0, m.Latency.BudgetRemainingQuarter);
        Assert.Null(m.Availability.Alert);
        Assert.Null(m.P95Ms);
        Assert.Null(m.ErrorRatio);
        Assert.Equal(60, m.Series.Count);
    }

    [Fact]
    public void Outage_InTheLastMinutes_Pages()
    {
        var now = s_quarterStart.AddDays(10);
        var history = new SloHistory();
        var minutes = SloHistory.Of(history.Minutes, "m");
        var hours = SloHistory.Of(history.Hours, "m");
        var nowMinute = now.ToUnixTimeSeconds() / 60;
        for (var i = 0; i < 360; i++)
        {
            var failing = i < 10;
            var c = failing ? Counts(60, 60, 0, 0) : Counts(60, 0, 60, 60);
            minutes[nowMinute - i] = c;
            var h = (nowMinute - i) / 60;
            var sum = hours.GetValueOrDefault(h) ?? new SloCounts();
            sum.Add(c);
            hours[h] = sum;
        }

        var m = Assert.Single(SloCalculator.Build(now, new SloOptions(), ["m"], history, "memory").Models);
        Assert.Equal("page", m.Availability.Alert);
        Assert.Equal(1.0, m.Availability.Window("5m").BurnRate!.Value * 0.005, 6);
        Assert.Null(m.Latency.Alert);
    }

    [Fact]
    public void Quantile_InterpolatesInsideTheBucket_LikeHistogramQuantile()
    {
        var c = new SloCounts();
        c.Buckets[0.1] = 0;
        c.Buckets[0.2] = 10;
        c.Buckets[double.PositiveInfinity] = 0;
        Assert.Equal(150, SloCalculator.QuantileMs(c, 0.5)!.Value, 6);
        c.Buckets[double.PositiveInfinity] = 90;
        Assert.Equal(200, SloCalculator.QuantileMs(c, 0.99)!.Value, 6);
    }
}
