namespace LiftWing.Server.Slo;

/// <summary>Wikimedia's reporting quarters, offset by one month: Dec–Feb, Mar–May, Jun–Aug, Sep–Nov (UTC).</summary>
public static class SloQuarter
{
    /// <summary>The first instant of the quarter that holds <paramref name="now"/>.</summary>
    public static DateTimeOffset Start(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        // Shift by one month so that December counts with the next year's January and February.
        var shifted = utc.AddMonths(1);
        var firstMonth = ((shifted.Month - 1) / 3 * 3) + 1;
        return new DateTimeOffset(shifted.Year, firstMonth, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
    }

    /// <summary>A label such as <c>Dec 2026–Feb 2027</c>.</summary>
    public static string Name(DateTimeOffset start) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{start:MMM yyyy}–{start.AddMonths(2):MMM yyyy}");
}
