using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Reads ORES query parameters as ores-legacy (FastAPI, pydantic v1) does: the last value of a repeated parameter wins.</summary>
internal static class OresQuery
{
    private static readonly string[] TrueWords = ["1", "on", "t", "true", "y", "yes"];
    private static readonly string[] FalseWords = ["0", "off", "f", "false", "n", "no"];

    /// <summary>The last value of a parameter, or null when absent.</summary>
    public static string? Last(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    /// <summary>A non-empty value (the <c>callback</c>, <c>model_info</c> and <c>inject</c> checks fire only then).</summary>
    public static string? NonEmpty(IQueryCollection query, string name) => Last(query, name) is { Length: > 0 } v ? v : null;

    /// <summary><c>features</c>: absent is false, present without a value is true, else pydantic's bool words; null when invalid.</summary>
    public static bool? Features(IQueryCollection query)
    {
        var value = Last(query, "features");
        if (value is null)
        {
            return false;
        }

        if (value.Length == 0)
        {
            return true;
        }

        var lower = value.ToLowerInvariant();
        return TrueWords.Contains(lower) ? true : FalseWords.Contains(lower) ? false : null;
    }

    /// <summary>Python's <c>int()</c> of a revision id (surrounding spaces and a sign allowed).</summary>
    public static bool TryRevid(string text, out long revid) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out revid);
}
