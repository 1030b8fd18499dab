using System.Text;

namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// The two bits of Python string semantics the features depend on: <c>str.strip()</c> and <c>len()</c>,
/// which counts code points (a character outside the BMP is one, not two UTF-16 units).
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>str.isspace</c> for one UTF-16 unit: .NET's whitespace plus U+001C..U+001F.</summary>
    public static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary>Python's <c>s.strip()</c> with no arguments.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>True when <c>s.strip()</c> would be non-empty.</summary>
    public static bool HasNonWhiteSpace(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Python's <c>len(s)</c>: the number of code points (a lone surrogate counts as one).</summary>
    public static int CodePointLength(ReadOnlySpan<char> s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            n++;
        }

        return n;
    }

    /// <summary>Strips every paragraph, joins them with a newline, and returns the text.</summary>
    public static string JoinStripped(IEnumerable<string> paragraphs)
    {
        var sb = new StringBuilder();
        foreach (var p in paragraphs)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(Strip(p));
        }

        return sb.ToString();
    }
}
