using System.Buffers;

namespace LiftWing.Models.LangId;

/// <summary>
/// Lift Wing's preprocessing: <c>re.sub(r"[\n\r\v\t ]+", " ", text).strip()[:MAX_TEXT_LENGTH]</c>, with Python's
/// semantics: <c>strip()</c> removes Unicode whitespace, and the cut counts code points, not UTF-16 units.
/// </summary>
public static class LangIdText
{
    /// <summary>Normalises a text as Lift Wing does before calling fastText.</summary>
    public static string Preprocess(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Collapsed into a stack (or pooled) buffer; a text that needs no change comes back as the same string.
        char[]? rented = null;
        var buffer = text.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = 0;
            var inRun = false;
            foreach (var c in text)
            {
                if (c is '\n' or '\r' or '\v' or '\t' or ' ')
                {
                    if (!inRun)
                    {
                        buffer[length++] = ' ';
                        inRun = true;
                    }

                    continue;
                }

                inRun = false;
                buffer[length++] = c;
            }

            var s = buffer[..length];
            var start = 0;
            var end = s.Length;
            while (start < end && IsPythonSpace(s[start]))
            {
                start++;
            }

            while (end > start && IsPythonSpace(s[end - 1]))
            {
                end--;
            }

            var kept = CutCodePoints(s[start..end], maxLength);
            return kept.SequenceEqual(text) ? text : kept.ToString();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Python's str.isspace: .NET's whitespace plus the separators U+001C..U+001F.
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    private static ReadOnlySpan<char> CutCodePoints(ReadOnlySpan<char> s, int maxLength)
    {
        var units = 0;
        for (var n = 0; n < maxLength && units < s.Length; n++)
        {
            units += char.IsHighSurrogate(s[units]) && units + 1 < s.Length && char.IsLowSurrogate(s[units + 1]) ? 2 : 1;
        }

        return s[..units];
    }
}
