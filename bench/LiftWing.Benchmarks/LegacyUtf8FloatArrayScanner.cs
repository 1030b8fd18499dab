namespace LiftWing.Benchmarks;

/// <summary>
/// The previous implementation, kept only as the benchmarks' baseline (V2JsonBenchmarks).
/// Reads the rest of a JSON array of numbers straight from the UTF-8 text, past what <see cref="System.Text.Json.Utf8JsonReader"/>
/// has read: the reader's per-token work cost more than parsing the number itself. It takes only what it can fully
/// check (strict JSON number grammar, a delimiter after each number, the fast parse path) and stops before anything
/// else, always right after a number, so the reader can resume there and judge the rest (errors included).
/// </summary>
internal static class LegacyUtf8FloatArrayScanner
{
    /// <summary>
    /// From <paramref name="pos"/> (just after a number inside an array) reads repeats of <c>, number</c> into
    /// <paramref name="destination"/> until it is full or the text holds anything else; moves <paramref name="pos"/>
    /// past the last number taken and returns how many were taken.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> json, ref int pos, Span<float> destination)
    {
        var end = pos;
        var taken = 0;
        while (taken < destination.Length)
        {
            var i = SkipWhitespace(json, end);
            if ((uint)i >= (uint)json.Length || json[i] != (byte)',')
            {
                break;
            }

            var start = SkipWhitespace(json, i + 1);
            var stop = NumberEnd(json, start);
            if (stop < 0 || ((uint)stop < (uint)json.Length && !IsDelimiter(json[stop]))
                || !LegacyUtf8FloatParser.TryParse(json[start..stop], out destination[taken]))
            {
                break;
            }

            taken++;
            end = stop;
        }

        pos = end;
        return taken;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while ((uint)i < (uint)s.Length && s[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static bool IsDelimiter(byte b) => b is (byte)',' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    /// <summary>The end of a JSON number starting at <paramref name="i"/> (RFC 8259 grammar), or -1.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> s, int i)
    {
        if ((uint)i < (uint)s.Length && s[i] == (byte)'-')
        {
            i++;
        }

        if ((uint)i >= (uint)s.Length)
        {
            return -1;
        }

        if (s[i] == (byte)'0')
        {
            i++;
        }
        else if (IsDigit(s[i]))
        {
            i = Digits(s, i + 1);
        }
        else
        {
            return -1;
        }

        if ((uint)i < (uint)s.Length && s[i] == (byte)'.')
        {
            var first = i + 1;
            i = Digits(s, first);
            if (i == first)
            {
                return -1;
            }
        }

        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            if ((uint)i < (uint)s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var first = i;
            i = Digits(s, first);
            if (i == first)
            {
                return -1;
            }
        }

        return i;
    }

    private static int Digits(ReadOnlySpan<byte> s, int i)
    {
        while ((uint)i < (uint)s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
