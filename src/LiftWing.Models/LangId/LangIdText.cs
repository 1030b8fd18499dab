using System.Text;

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
        var sb = new StringBuilder(Math.Min(text.Length, (maxLength * 2) + 16));
        var inRun = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\v' or '\t' or ' ')
            {
                if (!inRun)
                {
                    sb.Append(' ');
                    inRun = true;
                }

                continue;
            }

            inRun = false;
            sb.Append(c);
        }

        var s = sb.ToString();
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

        return CutCodePoints(s.AsSpan(start, end - start), maxLength);
    }

    // Python's str.isspace: .NET's whitespace plus the separators U+001C..U+001F.
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    private static string CutCodePoints(ReadOnlySpan<char> s, int maxLength)
    {
        var units = 0;
        for (var n = 0; n < maxLength && units < s.Length; n++)
        {
            units += char.IsHighSurrogate(s[units]) && units + 1 < s.Length && char.IsLowSurrogate(s[units + 1]) ? 2 : 1;
        }

        return s[..units].ToString();
    }
}
