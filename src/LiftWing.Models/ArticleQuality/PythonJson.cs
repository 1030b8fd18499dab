using System.Globalization;
using System.Text.Json;

namespace LiftWing.Models.ArticleQuality;

/// <summary>Writes numbers as Lift Wing's Python server does, so answers compare byte for byte where the values agree.</summary>
internal static class PythonJson
{
    /// <summary>A Python float's <c>repr</c>: shortest round-trip digits, always with a fraction or exponent (1.0, 1e-05).</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity.");
        }

        var s = value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal))
        {
            return s.Replace("E", "e", StringComparison.Ordinal);
        }

        return s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
    }

    /// <summary>Writes a float the Python way.</summary>
    public static void WriteFloat(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(FormatFloat(value), skipInputValidation: true);
    }

    /// <summary>
    /// Writes <c>min(1, x)</c> as Python leaves it: the int <c>1</c> when capped (min returns its first argument on
    /// a tie too), otherwise the float.
    /// </summary>
    public static void WriteCapped(Utf8JsonWriter writer, string name, double value)
    {
        if (value >= 1)
        {
            writer.WriteNumber(name, 1);
        }
        else
        {
            WriteFloat(writer, name, value);
        }
    }
}
