using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using LiftWing.Core.Errors;
using LiftWing.Core.Json;

namespace LiftWing.Server.Http;

/// <summary>
/// Refuses, with a 400 naming the field, the strings .NET cannot turn into text: invalid UTF-8 and escaped lone
/// surrogates (<c>"\ud800"</c>). JsonDocument accepts both and only fails later, deep in a model, when the string is
/// read. Two entry points with the same refusals and names: a reader pass over raw bytes (no document yet), and a walk
/// over a parsed document, which re-reads only the string values instead of tokenizing the body a second time.
/// </summary>
internal static class JsonTextValidator
{
    public static void Validate(ReadOnlySpan<byte> body, int maxDepth) =>
        Validate(new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth }));

    /// <summary>
    /// Checks every property name and string value of a parsed document, in document order. A string is named by the
    /// nearest property above it, as the reader pass names it.
    /// </summary>
    public static void Validate(JsonElement root) => Walk(root, null);

    private static void Walk(JsonElement element, string? property)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    var name = NameText(p);
                    Walk(p.Value, name);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, property);
                }

                break;
            case JsonValueKind.String:
                // The raw value (quotes included: ASCII, so they change neither check).
                if (!IsValidText(JsonMarshal.GetRawUtf8Value(element)))
                {
                    throw Invalid($"field '{property ?? "(top level)"}'");
                }

                break;
        }
    }

    private static string NameText(JsonProperty p)
    {
        if (Utf8.IsValid(JsonMarshal.GetRawUtf8PropertyName(p)))
        {
            try
            {
                return p.Name;
            }
            catch (InvalidOperationException)
            {
            }
        }

        throw Invalid("a property name");
    }

    private static void Validate(Utf8JsonReader reader)
    {
        // The property each open container was found under, to name the field (arrays keep their parent's name).
        var path = new List<string?>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = CheckName(ref reader);
                    break;
                case JsonTokenType.String:
                    var valid = reader.HasValueSequence ? IsValid(reader.ValueSequence) : IsValidText(reader.ValueSpan);
                    if (!valid)
                    {
                        throw Invalid($"field '{Name(path, property)}'");
                    }

                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Add(property);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    property = path.Count > 0 ? path[^1] : null;
                    path.RemoveAt(path.Count - 1);
                    break;
            }
        }
    }

    // A name's text names later fields, so it is read as a string (names are short); GetString refuses the same
    // surrogates the escape check does.
    private static string CheckName(ref Utf8JsonReader reader)
    {
        var valid = reader.HasValueSequence ? IsValid(reader.ValueSequence) : Utf8.IsValid(reader.ValueSpan);
        if (valid)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
            }
        }

        throw Invalid("a property name");
    }

    private static InvalidInputException Invalid(string field) =>
        new($"Invalid string in {field}: it is not valid UTF-8 or contains an unpaired surrogate.");

    private static string Name(List<string?> path, string? property) =>
        property ?? (path.Count > 0 ? path[^1] : null) ?? "(top level)";

    private static bool IsValid(ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return IsValidText(sequence.FirstSpan);
        }

        // Rare (a string across pipe segments): copy once to validate code points split between segments.
        return IsValidText(sequence.ToArray());
    }

    /// <summary>
    /// Whether a string's raw JSON text (escapes not yet decoded, already valid JSON syntax) reads as a .NET string:
    /// the bytes are valid UTF-8 and every <c>\u</c> escape of a surrogate is a high one directly followed by an escaped
    /// low one — exactly what <c>GetString</c> requires. Escapes are ASCII and decode to whole characters, so the raw
    /// bytes are valid UTF-8 exactly when the decoded ones are; checking in place saves decoding a large string twice.
    /// </summary>
    internal static bool IsValidText(ReadOnlySpan<byte> raw)
    {
        if (!Utf8.IsValid(raw))
        {
            return false;
        }

        var i = raw.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < raw.Length)
        {
            if (raw[i + 1] != (byte)'u')
            {
                i = Next(raw, i + 2);
                continue;
            }

            var unit = JsonEscapeDigits.Parse(raw, i + 2);
            if (unit is >= 0xD800 and <= 0xDFFF)
            {
                // A low surrogate first, or a high one not directly followed by an escaped low one.
                if (unit >= 0xDC00 || i + 12 > raw.Length
                    || raw[i + 6] != (byte)'\\' || raw[i + 7] != (byte)'u'
                    || JsonEscapeDigits.Parse(raw, i + 8) is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }

                i = Next(raw, i + 12);
                continue;
            }

            i = Next(raw, i + 6);
        }

        return true;
    }

    private static int Next(ReadOnlySpan<byte> raw, int from)
    {
        if (from >= raw.Length)
        {
            return -1;
        }

        var at = raw[from..].IndexOf((byte)'\\');
        return at < 0 ? -1 : from + at;
    }
}
