namespace LiftWing.Models.LangId;

/// <summary>
/// models/langid/languages.tsv: lid.176 label → the answered <c>language</c> (Lift Wing's OpenLID label where it
/// has a counterpart), Wikipedia code and English name (built by scripts/data/langid_languages.py; the columns
/// after the fourth are documentation).
/// </summary>
internal sealed class LangIdLanguageTable
{
    private readonly Dictionary<string, LangIdLanguage> _rows;

    private LangIdLanguageTable(Dictionary<string, LangIdLanguage> rows) => _rows = rows;

    /// <summary>The number of labels.</summary>
    public int Count => _rows.Count;

    /// <summary>Reads the table; a malformed file is an error that names the line.</summary>
    public static LangIdLanguageTable Load(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("label\tlanguage\twikicode\tlanguage_name", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: expected a header 'label<TAB>language<TAB>wikicode<TAB>language_name'.");
        }

        var rows = new Dictionary<string, LangIdLanguage>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var cols = lines[i].Split('\t');
            if (cols.Length < 4 || cols[0].Length == 0 || cols[1].Length == 0 || cols[3].Length == 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: expected label, language, wikicode and language_name.");
            }

            if (!rows.TryAdd(cols[0], new LangIdLanguage(cols[0], cols[1], cols[2], cols[3])))
            {
                throw new InvalidDataException($"{path}:{i + 1}: label '{cols[0]}' appears twice.");
            }
        }

        return new LangIdLanguageTable(rows);
    }

    /// <summary>The row of a label; a label the table lacks answers itself, an empty wikicode and the label as name.</summary>
    public LangIdLanguage this[string label] =>
        _rows.TryGetValue(label, out var row) ? row : new LangIdLanguage(label, label, "", label);

    /// <summary>Whether the table has a row for the label.</summary>
    public bool Contains(string label) => _rows.ContainsKey(label);
}
