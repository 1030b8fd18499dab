namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// Compares the text of the changed sections as bags of units: for each unit type, the units gained are
/// inserts, the units lost removals, and the overlap of the two counts as changes.
/// </summary>
internal static class TextChangeCounter
{
    public static void Count(string previous, string current, string language, EditTypeCountsBuilder result)
    {
        var characters = TextTokenizer.NonWhitespaceLanguages.Contains(language);
        Compare(result, EditNodeTypes.Whitespace, Bag(previous, current, TextTokenizer.CountWhitespace));
        Compare(result, EditNodeTypes.Punctuation, Bag(previous, current, TextTokenizer.CountPunctuation));
        Compare(result, characters ? EditNodeTypes.Character : EditNodeTypes.Word, Bag(previous, current, (t, d) =>
        {
            var total = 0;
            TextTokenizer.CountWords(t, characters, d, ref total);
        }));
        Compare(result, EditNodeTypes.Sentence, Bag(previous, current, (t, d) => TextTokenizer.CountSentences(t.ToString(), characters, d)));
        Compare(result, EditNodeTypes.Paragraph, Bag(previous, current, (t, d) => TextTokenizer.CountParagraphs(t.ToString(), characters, d)));
    }

    private delegate void Counter(ReadOnlySpan<char> text, Dictionary<string, int> counts);

    private static (Dictionary<string, int> Previous, Dictionary<string, int> Current) Bag(string previous, string current, Counter counter)
    {
        var p = new Dictionary<string, int>(StringComparer.Ordinal);
        var c = new Dictionary<string, int>(StringComparer.Ordinal);
        counter(previous, p);
        counter(current, c);
        return (p, c);
    }

    private static void Compare(EditTypeCountsBuilder result, string type, (Dictionary<string, int> Previous, Dictionary<string, int> Current) bags)
    {
        var additions = 0;
        var removals = 0;
        foreach (var (key, n) in bags.Current)
        {
            var diff = n - bags.Previous.GetValueOrDefault(key);
            if (diff > 0)
            {
                additions += diff;
            }
            else
            {
                removals -= diff;
            }
        }

        foreach (var (key, n) in bags.Previous)
        {
            if (!bags.Current.ContainsKey(key))
            {
                removals += n;
            }
        }

        var change = Math.Min(additions, removals);
        result.Add(type, EditAction.Change, change);
        result.Add(type, EditAction.Insert, additions - change);
        result.Add(type, EditAction.Remove, removals - change);
    }
}
