using System.Globalization;

namespace LiftWing.Server.Gateway;

/// <summary>One class's limit: <see cref="Limit"/> requests per fixed window of <see cref="UnitSeconds"/>, aligned to the unit.</summary>
public readonly record struct RateLimitRule(long Limit, long UnitSeconds, string UnitName)
{
    /// <summary>Parses <c>N/UNIT</c> (UNIT: second, minute, hour or day; plural and upper case accepted).</summary>
    /// <exception cref="FormatException">Not that form; the message says what is expected.</exception>
    public static RateLimitRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !long.TryParse(text.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw new FormatException($"rate limit '{text}' is not N/UNIT (e.g. 50000/hour).");
        }

        var unit = text[(slash + 1)..].Trim().ToLowerInvariant().TrimEnd('s');
        var seconds = unit switch
        {
            "second" => 1L,
            "minute" => 60L,
            "hour" => 3600L,
            "day" => 86400L,
            _ => throw new FormatException($"rate limit '{text}': unit must be second, minute, hour or day."),
        };
        return new RateLimitRule(limit, seconds, unit);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Limit}/{UnitName}";
}
