using System.Net;

namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// A wikitext parser that yields the node tree mwparserfromhell yields with <c>skip_style_tags=True</c>
/// (bold/italic quotes stay text), which is what mwedittypes diffs. Each construct is parsed independently
/// of where it sits, so results are memoised per (position, construct): every construct is tried at most once
/// per position. A step budget (linear in the input) and a nesting cap bound the work on hostile input; when
/// the budget runs out the rest of the page is read as plain text.
/// </summary>
internal sealed partial class WikitextParser
{
    private const int KindTemplate = 1;
    private const int KindArgument = 2;
    private const int KindWikilink = 3;
    private const int KindBracketLink = 4;
    private const int KindTag = 6;
    private const int KindTable = 7;
    private const int KindHeading = 8;

    private static readonly string[] s_slashSchemes =
    [
        "http", "https", "ftp", "ftps", "sftp", "irc", "ircs", "git", "svn", "ssh", "telnet", "nntp", "gopher", "mms",
        "worldwind", "ws", "wss",
    ];

    private static readonly string[] s_colonSchemes = ["mailto"];

    // Characters that can open a construct, end a run or be invalid in one (line starts are checked apart).
    private static readonly System.Buffers.SearchValues<char> s_interesting = System.Buffers.SearchValues.Create("{}[]<&:|!\n");

    // Tags whose contents are not wikitext (mwparserfromhell's parser blacklist).
    private static readonly HashSet<string> s_rawTags = new(StringComparer.Ordinal)
    {
        "categorytree", "ce", "chem", "gallery", "graph", "hiero", "imagemap", "inputbox", "math", "nowiki", "pre",
        "score", "section", "source", "syntaxhighlight", "templatedata", "timeline",
    };

    // Tags that never have contents.
    private static readonly HashSet<string> s_singleOnlyTags = new(StringComparer.Ordinal) { "br", "wbr", "hr", "meta", "link", "img" };

    // Tags that may be left unclosed.
    private static readonly HashSet<string> s_singleTags = new(StringComparer.Ordinal) { "li", "dt", "dd", "th", "td", "tr" };

    private readonly string _s;
    private readonly int _maxDepth;
    private readonly Dictionary<long, WikiNode?> _memo = [];
    private readonly Dictionary<string, int> _lastClose = new(StringComparer.Ordinal);
    private long _budget;
    private bool _lastCloseScanned;
    private int _lastDoubleClose = -2;
    private int _lastLinkClose = -2;

    private WikitextParser(string source, EditTypeOptions options)
    {
        _s = source;
        _maxDepth = options.MaxNestingDepth;
        _budget = (long)options.ParseStepsPerChar * source.Length + 10_000;
    }

    /// <summary>Whether the step budget ran out and part of the page was read as plain text.</summary>
    public bool BudgetExhausted => _budget <= 0;

    /// <summary>Steps left in the budget (for tests that bound the work).</summary>
    public long BudgetLeft => _budget;

    /// <summary>Parses a whole page.</summary>
    public static WikiCode Parse(string source, EditTypeOptions? options = null) => Parse(source, options, out _);

    /// <summary>Parses a whole page and reports the parser (for its budget).</summary>
    public static WikiCode Parse(string source, EditTypeOptions? options, out WikitextParser parser)
    {
        ArgumentNullException.ThrowIfNull(source);
        parser = new WikitextParser(source, options ?? EditTypeOptions.Default);
        var nodes = parser.ParseRun(0, new Stop(StopKind.None), 0, out var end);
        return new WikiCode(nodes ?? [], 0, end < 0 ? source.Length : end);
    }

    private enum StopKind
    {
        None,
        Limit,
        TemplateName,
        TemplateParam,
        ArgumentName,
        ArgumentDefault,
        LinkTitle,
        LinkText,
        LinkBracketTitle,
        TagBody,
        TableCell,
    }

    private readonly record struct Stop(StopKind Kind, int Limit = int.MaxValue, string? TagName = null, bool Header = false, bool Inline = false, bool AllowAttr = false);

    private bool AtLineStart(int i) => i == 0 || _s[i - 1] == '\n';

    /// <summary>
    /// Parses nodes from <paramref name="pos"/> until the stop condition; returns null when the run cannot
    /// be closed (the caller then treats its opening as text). <paramref name="end"/> is where the stop matched.
    /// </summary>
    private List<WikiNode>? ParseRun(int pos, Stop stop, int depth, out int end)
    {
        var nodes = new List<WikiNode>();
        var s = _s;
        var limit = Math.Min(stop.Limit, s.Length);
        var textStart = pos;
        var i = pos;
        var sawNewline = false;
        while (true)
        {
            if (i >= limit)
            {
                if (stop.Kind is StopKind.None or StopKind.Limit)
                {
                    break;
                }

                end = -1;
                return null;
            }

            // Skip plain text in one vectorised search: only these characters (and line starts) can open a
            // construct, close the run, or be invalid in it.
            if (!s_interesting.Contains(s[i]) && !AtLineStart(i))
            {
                var skip = s.AsSpan(i, limit - i).IndexOfAny(s_interesting);
                i = skip < 0 ? limit : i + skip;
                continue;
            }

            if (--_budget <= 0 && stop.Kind is not StopKind.None and not StopKind.Limit)
            {
                end = -1;
                return null;
            }

            var c = s[i];
            var stopHere = stop.Kind switch
            {
                StopKind.TemplateName or StopKind.TemplateParam => c == '|' || (c == '}' && Next(i) == '}'),
                StopKind.ArgumentName => c == '|' || (c == '}' && Next(i) == '}' && Next(i + 1) == '}'),
                StopKind.ArgumentDefault => c == '}' && Next(i) == '}' && Next(i + 1) == '}',
                StopKind.LinkTitle => c == '|' || (c == ']' && Next(i) == ']'),
                StopKind.LinkText => c == ']' && Next(i) == ']',
                StopKind.LinkBracketTitle => c == ']',
                StopKind.TagBody => c == '<' && Next(i) == '/' && IsClosingTag(i, stop.TagName!, out _),
                StopKind.TableCell => IsTableCellStop(i, stop, sawNewline),
                _ => false,
            };
            if (stopHere)
            {
                break;
            }

            if (IsInvalid(c, stop.Kind))
            {
                end = -1;
                return null;
            }

            if (c == '\n')
            {
                sawNewline = true;
            }

            var node = _budget > 0 && depth < _maxDepth ? TryConstruct(i, c, stop.Kind, depth) : null;
            if (node is not null && node.End <= limit && node.Start >= textStart)
            {
                // A free link is found at its ':' and starts at its scheme, a few characters back.
                i = node.Start;
                if (i > textStart)
                {
                    nodes.Add(new WikiNode(WikiNodeKind.Text, textStart, i));
                }

                if (node.Kind == WikiNodeKind.Tag && node.TagName is "li" or "dt" or "dd" && node.Length == 1)
                {
                    // A list marker run (e.g. "**") is one node per character, like mwparserfromhell.
                    nodes.Add(node);
                    i = node.End;
                    while (i < limit && s[i] is '*' or '#' or ':' or ';')
                    {
                        nodes.Add(ListMarker(i));
                        i++;
                    }
                }
                else
                {
                    nodes.Add(node);
                    i = node.End;
                }

                textStart = i;
                continue;
            }

            i++;
        }

        if (i > textStart)
        {
            nodes.Add(new WikiNode(WikiNodeKind.Text, textStart, i));
        }

        end = i;
        return nodes;
    }

    private char Next(int i) => i + 1 < _s.Length ? _s[i + 1] : '\0';

    private static bool IsInvalid(char c, StopKind kind) => kind switch
    {
        StopKind.LinkTitle => c is '\n' or '[' or ']',
        StopKind.LinkBracketTitle => c == '\n',
        StopKind.TemplateName => c is '[' or ']',
        _ => false,
    };

    private WikiNode? TryConstruct(int i, char c, StopKind context, int depth)
    {
        var s = _s;
        switch (c)
        {
            case '{':
                if (Next(i) == '{')
                {
                    var braces = 2;
                    while (i + braces < s.Length && s[i + braces] == '{')
                    {
                        braces++;
                    }

                    if (braces >= 3)
                    {
                        return Memo(KindArgument, i, depth);
                    }

                    return Memo(KindTemplate, i, depth);
                }

                if (Next(i) == '|' && AllowsBlocks(context) && OnlySpaceBefore(i))
                {
                    return Memo(KindTable, i, depth);
                }

                return null;
            case '[':
                if (Next(i) == '[')
                {
                    return context == StopKind.LinkTitle ? null : Memo(KindWikilink, i, depth);
                }

                return Memo(KindBracketLink, i, depth);
            case '<':
                if (string.CompareOrdinal(s, i, "<!--", 0, 4) == 0)
                {
                    var close = s.IndexOf("-->", i + 4, StringComparison.Ordinal);
                    return new WikiNode(WikiNodeKind.Comment, i, close < 0 ? s.Length : close + 3);
                }

                return Memo(KindTag, i, depth);
            case '&':
                return ParseEntity(i);
            case '=':
                return context is StopKind.None or StopKind.TagBody && AtLineStart(i) ? Memo(KindHeading, i, depth) : null;
            case '*' or '#' or ':' or ';':
                if (AtLineStart(i))
                {
                    return AllowsBlocks(context) ? ListMarker(i) : null;
                }

                return c == ':' ? FreeLinkEndingSchemeAt(i) : null;
            case '-':
                if (AtLineStart(i) && AllowsBlocks(context) && string.CompareOrdinal(s, i, "----", 0, 4) == 0)
                {
                    var e = i + 4;
                    while (e < s.Length && s[e] == '-')
                    {
                        e++;
                    }

                    return new WikiNode(WikiNodeKind.Tag, i, e) { TagName = "hr" };
                }

                return null;
            default:
                return null;
        }
    }

    // A free link whose scheme ends at the ':' at i: the letters before it must be a known scheme, not preceded
    // by a letter or digit.
    private WikiNode? FreeLinkEndingSchemeAt(int i)
    {
        var start = i;
        while (start > 0 && i - start < 10 && char.IsAsciiLetter(_s[start - 1]))
        {
            start--;
        }

        if (start == i || (start > 0 && char.IsLetterOrDigit(_s[start - 1])))
        {
            return null;
        }

        return ParseFreeLink(start);
    }

    private static bool AllowsBlocks(StopKind context) =>
        context is StopKind.None or StopKind.TagBody or StopKind.TemplateParam or StopKind.ArgumentDefault or StopKind.LinkText or StopKind.TableCell;

    private bool OnlySpaceBefore(int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (_s[j] == '\n')
            {
                return true;
            }

            if (_s[j] is not ' ' and not '\t')
            {
                return false;
            }
        }

        return true;
    }

    private WikiNode? Memo(int kind, int pos, int depth)
    {
        var key = ((long)pos << 4) | (long)kind;
        if (_memo.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var node = kind switch
        {
            KindTemplate => ParseTemplate(pos, depth),
            KindArgument => ParseArgument(pos, depth),
            KindWikilink => ParseWikilink(pos, depth),
            KindBracketLink => ParseBracketLink(pos, depth),
            KindTag => ParseTag(pos, depth),
            KindTable => ParseTable(pos, depth),
            _ => ParseHeading(pos, depth),
        };
        _memo[key] = node;
        return node;
    }

    private static WikiNode ListMarker(int i) => new(WikiNodeKind.Tag, i, i + 1) { TagName = "li" };

    private WikiNode? ParseTemplate(int p, int depth)
    {
        if (_lastDoubleClose == -2)
        {
            _lastDoubleClose = _s.LastIndexOf("}}", StringComparison.Ordinal);
        }

        if (_lastDoubleClose < p + 2)
        {
            return null;
        }

        var name = ParseRun(p + 2, new Stop(StopKind.TemplateName), depth + 1, out var e);
        if (name is null || IsBlank(p + 2, e))
        {
            return null;
        }

        var nameCode = new WikiCode(name, p + 2, e);
        var parameters = new List<(WikiCode?, WikiCode)>();
        while (_s[e] == '|')
        {
            var start = e + 1;
            var value = ParseRun(start, new Stop(StopKind.TemplateParam), depth + 1, out e);
            if (value is null)
            {
                return null;
            }

            parameters.Add(SplitParameter(value, start, e));
        }

        return new WikiNode(WikiNodeKind.Template, p, e + 2) { Title = nameCode, Parameters = parameters };
    }

    private (WikiCode? Key, WikiCode Value) SplitParameter(List<WikiNode> nodes, int start, int end)
    {
        for (var k = 0; k < nodes.Count; k++)
        {
            var n = nodes[k];
            if (n.Kind != WikiNodeKind.Text)
            {
                continue;
            }

            var eq = _s.IndexOf('=', n.Start, n.Length);
            if (eq < 0)
            {
                continue;
            }

            var keyNodes = nodes.GetRange(0, k);
            if (eq > n.Start)
            {
                keyNodes.Add(new WikiNode(WikiNodeKind.Text, n.Start, eq));
            }

            var valueNodes = new List<WikiNode>();
            if (eq + 1 < n.End)
            {
                valueNodes.Add(new WikiNode(WikiNodeKind.Text, eq + 1, n.End));
            }

            valueNodes.AddRange(nodes.GetRange(k + 1, nodes.Count - k - 1));
            return (new WikiCode(keyNodes, start, eq), new WikiCode(valueNodes, eq + 1, end));
        }

        return (null, new WikiCode(nodes, start, end));
    }

    private WikiNode? ParseArgument(int p, int depth)
    {
        var name = ParseRun(p + 3, new Stop(StopKind.ArgumentName), depth + 1, out var e);
        if (name is null)
        {
            return null;
        }

        var nameCode = new WikiCode(name, p + 3, e);
        WikiCode? defaultCode = null;
        if (_s[e] == '|')
        {
            var start = e + 1;
            var def = ParseRun(start, new Stop(StopKind.ArgumentDefault), depth + 1, out e);
            if (def is null)
            {
                return null;
            }

            defaultCode = new WikiCode(def, start, e);
        }

        return new WikiNode(WikiNodeKind.Argument, p, e + 3) { Title = nameCode, Body = defaultCode };
    }

    private WikiNode? ParseWikilink(int p, int depth)
    {
        if (_lastLinkClose == -2)
        {
            _lastLinkClose = _s.LastIndexOf("]]", StringComparison.Ordinal);
        }

        if (_lastLinkClose < p + 2 || Next(p + 1) == '[')
        {
            return null;
        }

        var title = ParseRun(p + 2, new Stop(StopKind.LinkTitle), depth + 1, out var e);
        if (title is null || IsBlank(p + 2, e))
        {
            return null;
        }

        var titleCode = new WikiCode(title, p + 2, e);
        WikiCode? text = null;
        if (_s[e] == '|')
        {
            var start = e + 1;
            var body = ParseRun(start, new Stop(StopKind.LinkText), depth + 1, out e);
            if (body is null)
            {
                return null;
            }

            text = new WikiCode(body, start, e);
        }

        return new WikiNode(WikiNodeKind.Wikilink, p, e + 2) { Title = titleCode, Body = text };
    }

    private bool IsBlank(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (!char.IsWhiteSpace(_s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private int MatchScheme(int i, bool allowRelative)
    {
        var s = _s;
        if (allowRelative && i + 1 < s.Length && s[i] == '/' && s[i + 1] == '/')
        {
            return i + 2;
        }

        foreach (var scheme in s_slashSchemes)
        {
            if (i + scheme.Length + 3 <= s.Length
                && string.Compare(s, i, scheme, 0, scheme.Length, StringComparison.OrdinalIgnoreCase) == 0
                && string.CompareOrdinal(s, i + scheme.Length, "://", 0, 3) == 0)
            {
                return i + scheme.Length + 3;
            }
        }

        foreach (var scheme in s_colonSchemes)
        {
            if (i + scheme.Length + 1 <= s.Length
                && string.Compare(s, i, scheme, 0, scheme.Length, StringComparison.OrdinalIgnoreCase) == 0
                && s[i + scheme.Length] == ':')
            {
                return i + scheme.Length + 1;
            }
        }

        return -1;
    }

    private static bool EndsUrl(char c) => char.IsWhiteSpace(c) || c is '[' or ']' or '<' or '>' or '"' or '{' or '}' or '|';

    private WikiNode? ParseFreeLink(int p)
    {
        var afterScheme = MatchScheme(p, allowRelative: false);
        if (afterScheme < 0)
        {
            return null;
        }

        var e = afterScheme;
        while (e < _s.Length && !EndsUrl(_s[e]))
        {
            e++;
        }

        var hasParen = _s.IndexOf('(', p, e - p) >= 0;
        while (e > afterScheme && (_s[e - 1] is ',' or ';' or '.' or ':' or '!' or '?' or '\'' || (_s[e - 1] == ')' && !hasParen)))
        {
            e--;
        }

        if (e <= afterScheme)
        {
            return null;
        }

        var url = new WikiCode([new WikiNode(WikiNodeKind.Text, p, e)], p, e);
        return new WikiNode(WikiNodeKind.ExternalLink, p, e) { Body = url };
    }

    private WikiNode? ParseBracketLink(int p, int depth)
    {
        var start = p + 1;
        var afterScheme = MatchScheme(start, allowRelative: true);
        if (afterScheme < 0)
        {
            return null;
        }

        var e = afterScheme;
        while (e < _s.Length && !EndsUrl(_s[e]))
        {
            e++;
        }

        if (e == afterScheme || e >= _s.Length)
        {
            return null;
        }

        var url = new WikiCode([new WikiNode(WikiNodeKind.Text, start, e)], start, e);
        if (_s[e] == ']')
        {
            return new WikiNode(WikiNodeKind.ExternalLink, p, e + 1) { Body = url, Brackets = true };
        }

        if (_s[e] is not ' ' and not '\t')
        {
            return null;
        }

        var titleStart = e + 1;
        var title = ParseRun(titleStart, new Stop(StopKind.LinkBracketTitle), depth + 1, out var te);
        if (title is null)
        {
            return null;
        }

        return new WikiNode(WikiNodeKind.ExternalLink, p, te + 1)
        {
            Body = url,
            Title = new WikiCode(title, titleStart, te),
            Brackets = true,
        };
    }

    private WikiNode? ParseEntity(int p)
    {
        var s = _s;
        var j = p + 1;
        if (j < s.Length && s[j] == '#')
        {
            j++;
            var hex = j < s.Length && s[j] is 'x' or 'X';
            if (hex)
            {
                j++;
            }

            var digitsStart = j;
            while (j < s.Length && j - digitsStart < 8 && (hex ? char.IsAsciiHexDigit(s[j]) : char.IsAsciiDigit(s[j])))
            {
                j++;
            }

            if (j == digitsStart || j >= s.Length || s[j] != ';')
            {
                return null;
            }

            var value = Convert.ToInt64(s[digitsStart..j], hex ? 16 : 10);
            return value is > 0 and <= 0x10FFFF ? new WikiNode(WikiNodeKind.HtmlEntity, p, j + 1) : null;
        }

        while (j < s.Length && j - p < 40 && char.IsAsciiLetterOrDigit(s[j]))
        {
            j++;
        }

        if (j == p + 1 || j >= s.Length || s[j] != ';')
        {
            return null;
        }

        var entity = s[p..(j + 1)];
        return WebUtility.HtmlDecode(entity) != entity ? new WikiNode(WikiNodeKind.HtmlEntity, p, j + 1) : null;
    }

    private WikiNode? ParseHeading(int p, int depth)
    {
        var s = _s;
        var lineEnd = s.IndexOf('\n', p);
        if (lineEnd < 0)
        {
            lineEnd = s.Length;
        }

        var e = lineEnd;
        while (e > p && s[e - 1] is ' ' or '\t')
        {
            e--;
        }

        var left = 0;
        while (p + left < e && s[p + left] == '=')
        {
            left++;
        }

        var right = 0;
        while (e - right - 1 >= p && s[e - right - 1] == '=')
        {
            right++;
        }

        if (left == e - p)
        {
            return null; // a line of only '='
        }

        var level = Math.Min(Math.Min(left, right), 6);
        if (level < 1)
        {
            return null;
        }

        var titleStart = p + level;
        var titleEnd = e - level;
        var title = ParseRun(titleStart, new Stop(StopKind.Limit, titleEnd), depth + 1, out _);
        return new WikiNode(WikiNodeKind.Heading, p, e) { Title = new WikiCode(title ?? [], titleStart, titleEnd), Level = level };
    }
}
