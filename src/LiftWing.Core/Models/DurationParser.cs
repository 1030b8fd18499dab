using System.Globalization;

namespace LiftWing.Core.Models;

/// <summary>Parses the short durations of model.yaml: <c>500ms</c>, <c>90s</c>, <c>15m</c>, <c>12h</c>, <c>30d</c>.</summary>
public static class DurationParser
{
    /// <summary>Parses a duration; throws <see cref="FormatException"/> naming the bad value.</summary>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        (string unit, Func<double, TimeSpan> make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours), ("d", TimeSpan.FromDays),
        ];
        foreach (var (unit, make) in units)
        {
            if (s.EndsWith(unit, StringComparison.Ordinal) &&
                double.TryParse(s.AsSpan(0, s.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
            {
                return make(v);
            }
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        throw new FormatException($"'{text}' is not a duration (use e.g. 500ms, 90s, 15m, 12h, 30d).");
    }
}
