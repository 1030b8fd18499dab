namespace LiftWing.Wiki.EditTypes;

/// <summary>HTML-like tags and wiki tables.</summary>
internal sealed partial class WikitextParser
{
    private bool IsClosingTag(int i, string name, out int end)
    {
        // i is at "</"
        var s = _s;
        end = -1;
        var j = i + 2;
        if (j + name.Length > s.Length || string.Compare(s, j, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        j += name.Length;
        while (j < s.Length && char.IsWhiteSpace(s[j]))
        {
            j++;
        }

        if (j < s.Length && s[j] == '>')
        {
            end = j + 1;
            return true;
        }

        return false;
    }

    // Where the last "</name" of each tag name is, found in one pass over the page the first time a tag is met,
    // so an unclosed tag fails at once instead of scanning to the end.
    private int LastCloseOf(string name)
    {
        if (!_lastCloseScanned)
        {
            _lastCloseScanned = true;
            var s = _s;
            for (var k = s.IndexOf("</", StringComparison.Ordinal); k >= 0; k = s.IndexOf("</", k + 2, StringComparison.Ordinal))
            {
                var e = k + 2;
                while (e < s.Length && char.IsAsciiLetterOrDigit(s[e]))
                {
                    e++;
                }

                if (e > k + 2)
                {
                    _lastClose[s[(k + 2)..e].ToLowerInvariant()] = k;
                }
            }
        }

        return _lastClose.GetValueOrDefault(name, -1);
    }

    private WikiNode? ParseTag(int p, int depth)
    {
        var s = _s;
        var j = p + 1;
        if (j >= s.Length || !char.IsAsciiLetter(s[j]))
        {
            return null;
        }

        while (j < s.Length && char.IsAsciiLetterOrDigit(s[j]))
        {
            j++;
        }

        if (j >= s.Length || !(char.IsWhiteSpace(s[j]) || s[j] is '>' or '/'))
        {
            return null;
        }

        var name = s[(p + 1)..j].ToLowerInvariant();
        var gt = s.IndexOf('>', j);
        if (gt < 0)
        {
            return null;
        }

        var lt = s.IndexOf('<', j, gt - j);
        if (lt >= 0)
        {
            return null;
        }

        var selfClosing = s[gt - 1] == '/';
        var attrEnd = selfClosing ? gt - 1 : gt;
        var attrs = attrEnd > j ? ParseRun(j, new Stop(StopKind.Limit, attrEnd), depth + 1, out _) : null;
        var attrCode = attrs is null ? null : new WikiCode(attrs, j, attrEnd);
        var openEnd = gt + 1;
        if (selfClosing || s_singleOnlyTags.Contains(name))
        {
            return new WikiNode(WikiNodeKind.Tag, p, openEnd) { TagName = name, Title = attrCode };
        }

        var canBeUnclosed = s_singleTags.Contains(name);
        if (LastCloseOf(name) < openEnd)
        {
            return canBeUnclosed ? new WikiNode(WikiNodeKind.Tag, p, openEnd) { TagName = name, Title = attrCode } : null;
        }

        if (s_rawTags.Contains(name))
        {
            var k = openEnd;
            while (true)
            {
                k = s.IndexOf("</", k, StringComparison.Ordinal);
                if (k < 0)
                {
                    return null;
                }

                if (IsClosingTag(k, name, out var closeEnd))
                {
                    var body = new WikiCode(k > openEnd ? [new WikiNode(WikiNodeKind.Text, openEnd, k)] : [], openEnd, k);
                    return new WikiNode(WikiNodeKind.Tag, p, closeEnd) { TagName = name, Title = attrCode, Body = body };
                }

                k += 2;
            }
        }

        var contents = ParseRun(openEnd, new Stop(StopKind.TagBody, TagName: name), depth + 1, out var ce);
        if (contents is null || !IsClosingTag(ce, name, out var end))
        {
            return canBeUnclosed ? new WikiNode(WikiNodeKind.Tag, p, openEnd) { TagName = name, Title = attrCode } : null;
        }

        return new WikiNode(WikiNodeKind.Tag, p, end) { TagName = name, Title = attrCode, Body = new WikiCode(contents, openEnd, ce) };
    }

    // Where a table cell's content stops: a new line starting with '|' or '!', an inline "||" ("!!" in
    // header cells), or the single '|' that ends a cell's attributes on its first line.
    private bool IsTableCellStop(int i, Stop stop, bool sawNewline)
    {
        var s = _s;
        if (AtLineStart(i))
        {
            var j = i;
            while (j < s.Length && s[j] is ' ' or '\t')
            {
                j++;
            }

            if (j < s.Length && s[j] is '|' or '!')
            {
                return true;
            }
        }

        if (!stop.Inline)
        {
            return false;
        }

        var c = s[i];
        if (c == '|' && Next(i) == '|')
        {
            return !sawNewline;
        }

        if (stop.Header && c == '!' && Next(i) == '!')
        {
            return !sawNewline;
        }

        return stop.AllowAttr && !sawNewline && c == '|';
    }

    private int SkipSpaces(int i)
    {
        while (i < _s.Length && _s[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private int LineEnd(int i)
    {
        var e = _s.IndexOf('\n', i);
        return e < 0 ? _s.Length : e;
    }

    private WikiNode? ParseTable(int p, int depth)
    {
        var s = _s;
        var attrEnd = LineEnd(p + 2);
        var attrs = ParseRun(p + 2, new Stop(StopKind.Limit, attrEnd), depth + 1, out _) ?? [];
        var attrCode = new WikiCode(attrs, p + 2, attrEnd);
        var bodyStart = attrEnd;
        var contents = new List<WikiNode>();
        List<WikiNode>? row = null;
        var rowStart = -1;
        var rowBodyStart = -1;
        WikiCode? rowAttrs = null;
        var i = attrEnd;

        void CloseRow(int at)
        {
            if (row is null)
            {
                return;
            }

            contents.Add(new WikiNode(WikiNodeKind.Tag, rowStart, at)
            {
                TagName = "tr",
                Extra = rowAttrs is null ? null : [rowAttrs],
                Body = new WikiCode(row, rowBodyStart, at),
            });
            row = null;
        }

        while (true)
        {
            if (i >= s.Length || --_budget <= 0 || depth >= _maxDepth)
            {
                return null;
            }

            // i is at a line start (or the end of the "{|" line, i.e. a '\n')
            var target = row ?? contents;
            if (s[i] == '\n')
            {
                // text up to the next marker line
                var text = ParseRun(i, new Stop(StopKind.TableCell), depth + 1, out var te);
                if (text is null)
                {
                    return null;
                }

                target.AddRange(text);
                i = te;
                continue;
            }

            var m = SkipSpaces(i);
            if (s[m] == '|' && Next(m) == '}')
            {
                CloseRow(i);
                var end = m + 2;
                return new WikiNode(WikiNodeKind.Tag, p, end) { TagName = "table", Title = attrCode, Body = new WikiCode(contents, bodyStart, i) };
            }

            if (s[m] == '|' && Next(m) == '-')
            {
                CloseRow(i);
                var markEnd = m + 2;
                while (markEnd < s.Length && s[markEnd] == '-')
                {
                    markEnd++;
                }

                var lineEnd = LineEnd(markEnd);
                var ra = ParseRun(markEnd, new Stop(StopKind.Limit, lineEnd), depth + 1, out _) ?? [];
                rowAttrs = new WikiCode(ra, markEnd, lineEnd);
                row = [];
                rowStart = i;
                rowBodyStart = lineEnd;
                i = lineEnd;
                continue;
            }

            if (s[m] is not '|' and not '!')
            {
                // a line that is not a table marker: plain content up to the next marker line
                var text = ParseRun(i, new Stop(StopKind.TableCell), depth + 1, out var te);
                if (text is null)
                {
                    return null;
                }

                target.AddRange(text);
                i = te;
                continue;
            }

            var cell = ParseCell(i, m, depth);
            if (cell is null)
            {
                return null;
            }

            target.Add(cell);
            i = cell.End;
            while (i < s.Length && !AtLineStart(i))
            {
                // inline cells on the same line ("||" or "!!")
                var next = ParseCell(i, i, depth, inline: true, header: cell.TagName == "th");
                if (next is null)
                {
                    return null;
                }

                target.Add(next);
                cell = next;
                i = next.End;
            }
        }
    }

    private WikiNode? ParseCell(int lineStart, int m, int depth, bool inline = false, bool header = false)
    {
        var s = _s;
        string tag;
        int contentStart;
        if (inline)
        {
            tag = header ? "th" : "td";
            contentStart = m + 2;
        }
        else if (s[m] == '|' && Next(m) == '+')
        {
            tag = "caption";
            contentStart = m + 2;
        }
        else if (s[m] == '!')
        {
            tag = "th";
            contentStart = m + 1;
        }
        else if (s[m] == '|')
        {
            tag = "td";
            contentStart = m + 1;
        }
        else
        {
            return null;
        }

        var isHeader = tag == "th";
        var first = ParseRun(contentStart, new Stop(StopKind.TableCell, Header: isHeader, Inline: true, AllowAttr: tag != "caption"), depth + 1, out var e);
        if (first is null)
        {
            return null;
        }

        WikiCode? attrs = null;
        var bodyStart = contentStart;
        var body = first;
        if (e < s.Length && s[e] == '|' && Next(e) != '|' && !AtLineStart(e))
        {
            attrs = new WikiCode(first, contentStart, e);
            bodyStart = e + 1;
            body = ParseRun(bodyStart, new Stop(StopKind.TableCell, Header: isHeader, Inline: true), depth + 1, out e);
            if (body is null)
            {
                return null;
            }
        }

        return new WikiNode(WikiNodeKind.Tag, lineStart, e)
        {
            TagName = tag,
            Extra = attrs is null ? null : [attrs],
            Body = new WikiCode(body, bodyStart, e),
        };
    }
}
