namespace LiftWing.Server.Slo;

/// <summary>
/// Computes the report from stored counts. Every ratio is good/events of the same counts over the same slots, so it
/// lies in [0, 1]; no events gives null, never NaN; the quarter sums only the quarter's own hours, so its budget
/// starts at 100 % on the first day whatever the previous quarter did.
/// </summary>
internal static class SloCalculator
{
    /// <summary>The short windows (minute slots) and the SRE-workbook burn-rate pairs built on them.</summary>
    private static readonly (string Name, int Minutes)[] s_minuteWindows = [("5m", 5), ("30m", 30), ("1h", 60), ("2h", 120), ("6h", 360)];
    private static readonly (string Name, int Hours)[] s_hourWindows = [("1d", 24), ("3d", 72)];

    /// <summary>Minute slots needed (the longest minute window).</summary>
    public const int MinuteSpan = 360;

    public static SloReport Build(DateTimeOffset now, SloOptions options, IEnumerable<string> models, SloHistory history, string store)
    {
        var nowMinute = now.ToUnixTimeSeconds() / 60;
        var nowHour = nowMinute / 60;
        var quarterStart = SloQuarter.Start(now);
        var quarterHour = quarterStart.ToUnixTimeSeconds() / 3600;
        var rollingHours = (long)options.RollingWindow.TotalHours;
        var rollingName = WindowName(options.RollingWindow);
        var reports = new List<SloModelReport>();
        foreach (var model in models.Concat(history.Minutes.Keys).Concat(history.Hours.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var objective = options.For(model);
            var minutes = history.Minutes.GetValueOrDefault(model) ?? [];
            var hours = history.Hours.GetValueOrDefault(model) ?? [];
            var windows = new List<(string Name, SloCounts Counts)>();
            foreach (var (name, n) in s_minuteWindows)
            {
                windows.Add((name, Sum(minutes, nowMinute - n + 1, nowMinute)));
            }

            foreach (var (name, n) in s_hourWindows)
            {
                windows.Add((name, Sum(hours, nowHour - n + 1, nowHour)));
            }

            var rolling = Sum(hours, nowHour - rollingHours + 1, nowHour);
            var quarter = Sum(hours, quarterHour, nowHour);
            windows.Add((rollingName, rolling));
            windows.Add(("quarter", quarter));

            var availability = Objective("availability", objective.Availability, null, windows, c => (c.Total, c.Total - c.Errors), rollingName);
            var latency = Objective("latency", objective.Latency, objective.LatencyThreshold.TotalMilliseconds, windows, c => (c.Ok, c.Fast), rollingName);
            var last5 = windows[0].Counts;
            var series = new List<SloMinutePoint>(60);
            for (var m = nowMinute - 59; m <= nowMinute; m++)
            {
                var c = minutes.GetValueOrDefault(m);
                series.Add(new SloMinutePoint(DateTimeOffset.FromUnixTimeSeconds(m * 60), c?.Total ?? 0, c?.Errors ?? 0, c is null ? null : QuantileMs(c, 0.95)));
            }

            reports.Add(new SloModelReport(
                model,
                last5.Total / 300.0,
                last5.Total == 0 ? null : (double)last5.Errors / last5.Total,
                QuantileMs(last5, 0.50),
                QuantileMs(last5, 0.95),
                QuantileMs(last5, 0.99),
                availability,
                latency,
                series));
        }

        return new SloReport(now, quarterStart, rollingName, store, reports);
    }

    /// <summary>A histogram quantile in milliseconds, interpolated inside its bucket as Prometheus's <c>histogram_quantile</c> does.</summary>
    public static double? QuantileMs(SloCounts counts, double q)
    {
        long total = 0;
        foreach (var n in counts.Buckets.Values)
        {
            total += n;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = q * total;
        long cumulative = 0;
        var lower = 0.0;
        foreach (var (le, n) in counts.Buckets)
        {
            if (cumulative + n >= rank && n > 0)
            {
                if (double.IsPositiveInfinity(le))
                {
                    return lower * 1000;
                }

                return (lower + ((le - lower) * (rank - cumulative) / n)) * 1000;
            }

            cumulative += n;
            lower = le;
        }

        return lower * 1000;
    }

    /// <summary><c>28d</c>, <c>36h</c>.</summary>
    public static string WindowName(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(long)window.TotalDays}d")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(long)window.TotalHours}h");

    private static SloObjectiveReport Objective(
        string name, double target, double? thresholdMs, List<(string Name, SloCounts Counts)> windows, Func<SloCounts, (long Events, long Good)> select, string rollingName)
    {
        var budget = 1 - target;
        var reports = windows.Select(w =>
        {
            var (events, good) = select(w.Counts);
            double? sli = events == 0 ? null : (double)good / events;
            return new SloWindowReport(w.Name, events, good, sli, sli is { } s ? (1 - s) / budget : null);
        }).ToList();

        double Remaining(string window) => reports.First(r => r.Window == window).Sli is { } s ? 1 - ((1 - s) / budget) : 1;
        double Burn(string window) => reports.First(r => r.Window == window).BurnRate ?? 0;

        // The SRE workbook's multi-window, multi-burn-rate pairs (long window and a short one that must agree).
        var alert = (Burn("1h") > 14.4 && Burn("5m") > 14.4) || (Burn("6h") > 6 && Burn("30m") > 6) ? "page"
            : (Burn("1d") > 3 && Burn("2h") > 3) || (Burn("3d") > 1 && Burn("6h") > 1) ? "ticket"
            : null;
        return new SloObjectiveReport(name, target, thresholdMs, reports, Remaining(rollingName), Remaining("quarter"), alert);
    }

    private static SloCounts Sum(SortedDictionary<long, SloCounts> slots, long from, long to)
    {
        var sum = new SloCounts();
        foreach (var (slot, c) in slots)
        {
            if (slot >= from && slot <= to)
            {
                sum.Add(c);
            }
        }

        return sum;
    }
}
