namespace LiftWing.Wiki.ArticleFeatures;

/// <summary>
/// A linear pre-scan of HTML that counts start tags and estimates nesting depth before the HTML5 parser runs,
/// so a hostile body (hundreds of thousands of siblings, or of nested divs) is refused in microseconds instead
/// of costing the parser and the walks seconds. The estimate follows the tags as written: void and self-closed
/// elements do not nest, comments and raw-text contents (script, style) are skipped, an end tag closes up to its
/// start tag, and p, li, dt, dd, tr, td, th and option close a still-open sibling of their own kind, as the
/// parser would. Parsoid HTML closes every element, so for it the estimate is exact.
/// </summary>
public static class HtmlShapeScanner
{
    private static readonly HashSet<string> s_void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
    };

    private static readonly HashSet<string> s_selfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "tr", "td", "th", "option",
    };

    // Tag names are looked up as spans of the page: the scan allocates nothing per tag (issue 21).
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_voidNames = s_void.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_selfClosingSiblingNames = s_selfClosingSiblings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Measures <paramref name="html"/>, stopping as soon as it has more elements or depth than allowed.</summary>
    public static HtmlShape Measure(string html, int maxElements, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Measure(html.AsSpan(), maxElements, maxDepth);
    }

    /// <summary><see cref="Measure(string,int,int)"/> over characters that need not be a string (a pooled buffer).</summary>
    public static HtmlShape Measure(ReadOnlySpan<char> html, int maxElements, int maxDepth)
    {
        var open = new List<(int Start, int Length)>(); // the open elements' names, as ranges of html
        var elements = 0;
        var deepest = 0;
        var i = 0;
        while (true)
        {
            var lt = IndexOf(html, '<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                return new HtmlShape(elements, deepest, false);
            }

            var c = html[lt + 1];
            if (c == '!')
            {
                i = html[lt..].StartsWith("<!--") ? SkipPast(html, lt + 4, "-->") : SkipPast(html, lt + 2, ">");
                continue;
            }

            if (c == '/' && lt + 2 < html.Length && char.IsAsciiLetter(html[lt + 2]))
            {
                var nameLength = NameLength(html, lt + 2);
                var name = html.Slice(lt + 2, nameLength);
                var at = open.Count - 1;
                while (at >= 0 && !html.Slice(open[at].Start, open[at].Length).Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    at--;
                }

                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                i = SkipPast(html, lt + 2 + nameLength, ">");
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                i = lt + 1;
                continue;
            }

            var tagLength = NameLength(html, lt + 1);
            var tag = html.Slice(lt + 1, tagLength);
            var end = TagEnd(html, lt + 1 + tagLength);
            elements++;
            var selfClosed = end > 0 && html[end - 1] == '/';
            if (!selfClosed && !s_voidNames.Contains(tag))
            {
                if (s_selfClosingSiblingNames.Contains(tag) && open.Count > 0 && html.Slice(open[^1].Start, open[^1].Length).Equals(tag, StringComparison.OrdinalIgnoreCase))
                {
                    open.RemoveAt(open.Count - 1);
                }

                open.Add((lt + 1, tagLength));
                deepest = Math.Max(deepest, open.Count);
            }

            if (elements > maxElements || deepest > maxDepth)
            {
                return new HtmlShape(elements, deepest, true);
            }

            if (end < 0)
            {
                return new HtmlShape(elements, deepest, false);
            }

            i = end + 1;
            var rawText = tag.Equals("script", StringComparison.OrdinalIgnoreCase) ? "</script"
                : tag.Equals("style", StringComparison.OrdinalIgnoreCase) ? "</style"
                : null;
            if (rawText is not null)
            {
                // Raw text: its contents are not tags.
                var close = html[i..].IndexOf(rawText, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : i + close;
            }
        }
    }

    private static int NameLength(ReadOnlySpan<char> html, int start)
    {
        var j = start;
        while (j < html.Length && (char.IsAsciiLetterOrDigit(html[j]) || html[j] is '-' or ':' or '_'))
        {
            j++;
        }

        return j - start;
    }

    /// <summary>The index of the tag's closing '>', honouring quoted attribute values; -1 when there is none.</summary>
    private static int TagEnd(ReadOnlySpan<char> html, int start)
    {
        char quote = '\0';
        for (var j = start; j < html.Length; j++)
        {
            var c = html[j];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return j;
            }
        }

        return -1;
    }

    private static int SkipPast(ReadOnlySpan<char> html, int start, string marker)
    {
        var at = start >= html.Length ? -1 : html[start..].IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? html.Length : start + at + marker.Length;
    }

    private static int IndexOf(ReadOnlySpan<char> html, char c, int start)
    {
        if (start >= html.Length)
        {
            return -1;
        }

        var at = html[start..].IndexOf(c);
        return at < 0 ? -1 : start + at;
    }
}
