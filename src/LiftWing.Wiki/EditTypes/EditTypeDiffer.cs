namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// Counts what an edit did to a page's wikitext, per node type (templates, links, references, sections,
/// words…) and action (insert, remove, change), with the semantics of mwedittypes' <c>SimpleEditTypes</c>:
/// <list type="number">
/// <item>Both revisions become bags of nodes keyed by wikitext: sections, top-level non-text nodes, and
/// bold/italic markup. Nodes present in both bags cancel out.</item>
/// <item>The remaining (changed) nodes are expanded into the nodes nested in them, and the bags cancel again.</item>
/// <item>Per type, the overlap of leftover parent and current nodes counts as changes, the rest as removals and
/// inserts. Moves are not detected: the bags are order-blind.</item>
/// <item>The plain text of the changed sections is compared as bags of whitespace, punctuation, words (or
/// characters), sentences and paragraphs, the same way.</item>
/// </list>
/// Work is linear in the page size: the parser is memoised and budgeted, sections are compared by hash, and
/// only changed nodes and sections are expanded and tokenised.
/// </summary>
internal static class EditTypeDiffer
{
    /// <summary>Diffs a parent revision's wikitext against the current one's.</summary>
    /// <param name="parentWikitext">The parent revision's wikitext (empty for a page creation).</param>
    /// <param name="currentWikitext">The current revision's wikitext.</param>
    /// <param name="options">Language and limits; <see cref="EditTypeOptions.Default"/> when null.</param>
    public static EditTypeCounts Diff(string parentWikitext, string currentWikitext, EditTypeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parentWikitext);
        ArgumentNullException.ThrowIfNull(currentWikitext);
        options ??= EditTypeOptions.Default;
        var truncated = false;
        if (parentWikitext.Length > options.MaxWikitextLength)
        {
            parentWikitext = parentWikitext[..options.MaxWikitextLength];
            truncated = true;
        }

        if (currentWikitext.Length > options.MaxWikitextLength)
        {
            currentWikitext = currentWikitext[..options.MaxWikitextLength];
            truncated = true;
        }

        var result = new EditTypeCountsBuilder();
        if (string.Equals(parentWikitext, currentWikitext, StringComparison.Ordinal))
        {
            return result.Build(truncated, budgetExhausted: false);
        }

        var previous = new WikitextBag(parentWikitext, options);
        var current = new WikitextBag(currentWikitext, options);
        WikitextBag.Fill(previous, current);
        CancelMatching(previous, current);
        previous.ExpandNested();
        current.ExpandNested();
        CancelMatching(previous, current);

        var previousTypes = Tally(previous, out var previousSections);
        var currentTypes = Tally(current, out var currentSections);
        foreach (var type in previousTypes.Keys.Union(currentTypes.Keys))
        {
            var p = previousTypes.GetValueOrDefault(type);
            var c = currentTypes.GetValueOrDefault(type);
            var change = Math.Min(p, c);
            result.Add(type, EditAction.Change, change);
            result.Add(type, EditAction.Remove, p - change);
            result.Add(type, EditAction.Insert, c - change);
        }

        TextChangeCounter.Count(previous.PlainTextOf(previousSections), current.PlainTextOf(currentSections), options.Language, result);
        return result.Build(truncated, previous.BudgetExhausted || current.BudgetExhausted);
    }

    // Removes the nodes the two bags share (by wikitext, counting duplicates).
    private static void CancelMatching(WikitextBag previous, WikitextBag current)
    {
        foreach (var key in previous.Nodes.Keys.ToList())
        {
            if (!current.Nodes.TryGetValue(key, out var currentList))
            {
                continue;
            }

            var previousList = previous.Nodes[key];
            var diff = previousList.Count - currentList.Count;
            if (diff == 0)
            {
                previous.Nodes.Remove(key);
                current.Nodes.Remove(key);
            }
            else if (diff > 0)
            {
                current.Nodes.Remove(key);
                previousList.RemoveRange(diff, previousList.Count - diff);
            }
            else
            {
                previous.Nodes.Remove(key);
                currentList.RemoveRange(-diff, currentList.Count + diff);
            }
        }
    }

    private static Dictionary<string, int> Tally(WikitextBag bag, out HashSet<int> sections)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        sections = [];
        foreach (var list in bag.Nodes.Values)
        {
            foreach (var n in list)
            {
                types[n.Type] = types.GetValueOrDefault(n.Type) + 1;
                if (n.Type == EditNodeTypes.Section)
                {
                    sections.Add(n.Section);
                }
            }
        }

        return types;
    }
}
