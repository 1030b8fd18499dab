using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// Splits plain text into the units mwedittypes counts (whitespace, punctuation, words or characters,
/// sentences, paragraphs) with Python's definitions of word and space characters, so counts agree with it.
/// </summary>
internal static partial class TextTokenizer
{
    /// <summary>Languages written without spaces between words: characters are counted instead of words.</summary>
    public static readonly FrozenSet<string> NonWhitespaceLanguages = new[]
    {
        "bo", "dz", "gan", "ja", "km", "lo", "my", "th", "wuu", "zh", "zh-classical", "zh-yue", "bug", "cdo", "cr", "hak", "vi",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    // Non-ASCII punctuation mwedittypes counts (ranges, inclusive): Arabic, Syriac, NKo, Samaritan, Indic
    // dandas, Thai, Tibetan, Myanmar, Ethiopic, Mongolian, General Punctuation, Coptic, CJK Symbols and
    // Punctuation, some full-width forms; plus the middle dot and inverted question mark.
    private static readonly (char From, char To)[] s_punctuationRanges =
    [
        ('\u00b7', '\u00b7'), ('\u00bf', '\u00bf'),
        ('\u0609', '\u060a'), ('\u060c', '\u060d'), ('\u061b', '\u061b'), ('\u061e', '\u061f'), ('\u066a', '\u066c'),
        ('\u070a', '\u070d'), ('\u07f7', '\u07f9'), ('\u0830', '\u083e'), ('\u085e', '\u085e'), ('\u0964', '\u0965'),
        ('\u0970', '\u0970'), ('\u09e4', '\u09e5'), ('\u09fd', '\u09fd'), ('\u0a76', '\u0a76'), ('\u0af0', '\u0af0'),
        ('\u0c77', '\u0c77'), ('\u0c84', '\u0c84'), ('\u0df4', '\u0df4'), ('\u0e4f', '\u0e4f'), ('\u0e5a', '\u0e5b'),
        ('\u0f04', '\u0f12'), ('\u0f14', '\u0f14'), ('\u0f85', '\u0f85'), ('\u0fd0', '\u0fd4'), ('\u0fd9', '\u0fda'),
        ('\u104a', '\u104f'), ('\u10fb', '\u10fb'), ('\u1360', '\u1368'), ('\u166e', '\u166e'), ('\u16eb', '\u16ed'),
        ('\u1735', '\u1736'), ('\u17d4', '\u17d6'), ('\u17d8', '\u17da'), ('\u1800', '\u1805'), ('\u1807', '\u180a'),
        ('\u1944', '\u1945'), ('\u1a1e', '\u1a1f'), ('\u1aa0', '\u1aa6'), ('\u1aa8', '\u1aad'), ('\u1b5a', '\u1b60'),
        ('\u1bfc', '\u1bff'), ('\u1c3b', '\u1c3f'), ('\u1c7e', '\u1c7f'), ('\u1cc0', '\u1cc7'), ('\u1cd3', '\u1cd3'),
        ('\u2016', '\u2017'), ('\u2020', '\u2023'), ('\u2025', '\u2027'), ('\u2030', '\u2038'), ('\u203b', '\u203e'),
        ('\u2041', '\u2043'), ('\u2047', '\u2051'), ('\u2053', '\u2053'), ('\u2055', '\u205e'), ('\u2cf9', '\u2cfc'),
        ('\u2cfe', '\u2cff'), ('\u3000', '\u303f'), ('\u3010', '\u3010'), ('\uff01', '\uff01'), ('\uff08', '\uff08'),
        ('\uff0c', '\uff0c'), ('\uff1a', '\uff1b'), ('\uff1f', '\uff1f'), ('\uff3b', '\uff3b'),
    ];

    /// <summary>Python's <c>\w</c>: letters, numbers, underscore.</summary>
    public static bool IsWordChar(char c) => c == '_' || char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>Python's <c>\s</c>.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    // Word characters plus Bengali and Devanagari signs, which Python's \w misses.
    private static bool IsWordLike(char c) => IsWordChar(c) || c is >= '\u0980' and <= '\u09ff' or >= '\u0901' and <= '\u0963';

    public static bool IsPunctuation(char c)
    {
        if (c < 128)
        {
            return AsciiPunctuation.Contains(c, StringComparison.Ordinal);
        }

        foreach (var (from, to) in s_punctuationRanges)
        {
            if (c < from)
            {
                return false;
            }

            if (c <= to)
            {
                return true;
            }
        }

        return false;
    }

    public static void CountWhitespace(ReadOnlySpan<char> text, Dictionary<string, int> counts)
    {
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                Add(counts, CharString(c));
            }
        }
    }

    public static void CountPunctuation(ReadOnlySpan<char> text, Dictionary<string, int> counts)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.')
            {
                var start = i;
                while (i < text.Length && text[i] == '.')
                {
                    i++;
                }

                Add(counts, new string('.', i - start));
                i--;
                continue;
            }

            if (IsPunctuation(c))
            {
                Add(counts, CharString(c));
            }
        }
    }

    /// <summary>Words (with inner hyphens and apostrophes), or single word characters for spaceless languages.</summary>
    public static void CountWords(ReadOnlySpan<char> text, bool characters, Dictionary<string, int>? counts, ref int total)
    {
        if (characters)
        {
            foreach (var c in text)
            {
                if (IsWordChar(c))
                {
                    total++;
                    if (counts is not null)
                    {
                        Add(counts, CharString(c));
                    }
                }
            }

            return;
        }

        var i = 0;
        while (i < text.Length)
        {
            var end = WordEndAt(text, i);
            if (end > i)
            {
                total++;
                if (counts is not null)
                {
                    Add(counts, text[i..end].ToString());
                }

                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    // The longest word that regex \b((?:[\w…]+[-']?)+)\b matches at i, or i if none.
    private static int WordEndAt(ReadOnlySpan<char> text, int i)
    {
        if (!IsWordLike(text[i]) || !IsBoundary(text, i))
        {
            return i;
        }

        var best = i;
        var j = i;
        while (j < text.Length)
        {
            var c = text[j];
            if (IsWordLike(c))
            {
                j++;
            }
            else if (c is '-' or '\'' && IsWordLike(text[j - 1]))
            {
                j++;
            }
            else
            {
                break;
            }

            if (IsBoundary(text, j))
            {
                best = j;
            }

            if (c is '-' or '\'' && (j >= text.Length || !IsWordLike(text[j])))
            {
                break;
            }
        }

        return best;
    }

    private static bool IsBoundary(ReadOnlySpan<char> text, int k)
    {
        var before = k > 0 && IsWordChar(text[k - 1]);
        var after = k < text.Length && IsWordChar(text[k]);
        return before != after;
    }

    public static int WordCount(ReadOnlySpan<char> text, bool characters)
    {
        var total = 0;
        CountWords(text, characters, null, ref total);
        return total;
    }

    public static void CountSentences(string text, bool characters, Dictionary<string, int> counts)
    {
        foreach (var piece in SentenceBreak().Split(text))
        {
            if (WordCount(piece, characters) >= 2)
            {
                Add(counts, StripSpace(piece));
            }
        }
    }

    public static void CountParagraphs(string text, bool characters, Dictionary<string, int> counts)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (var piece in text.Split("\n\n"))
        {
            if (WordCount(piece, characters) > 0)
            {
                Add(counts, StripSpace(piece));
            }
        }
    }

    private static string StripSpace(string s)
    {
        var a = 0;
        var b = s.Length;
        while (a < b && IsSpace(s[a]))
        {
            a++;
        }

        while (b > a && IsSpace(s[b - 1]))
        {
            b--;
        }

        return s[a..b];
    }

    private static string CharString(char c) => c < 128 ? s_ascii[c] : c.ToString();

    private static readonly string[] s_ascii = Enumerable.Range(0, 128).Select(static c => ((char)c).ToString()).ToArray();

    private static void Add(Dictionary<string, int> counts, string key)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
    }

    // Runs of ! ? newline and CJK/Indic full stops, or a single '.' that is not part of an ellipsis or a number.
    [GeneratedRegex(@"[!?\n。？！।॥]+|(?<!\.)\.(?!(?<=\d.)\d)(?!\.)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}
