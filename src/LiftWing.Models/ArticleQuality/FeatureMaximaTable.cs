using System.Globalization;

namespace LiftWing.Models.ArticleQuality;

/// <summary>
/// Per-wiki maxima from Lift Wing's <c>feature_values.tsv</c> (columns <c>wiki_db num_pages max_length max_media
/// max_cats max_refs max_headings max_links max_srcs infobox mbox</c>), each raised to its floor, keyed as Lift
/// Wing keys them: <c>wiki_db.replace("wiki", "")</c> (enwiki → en).
/// </summary>
internal sealed class FeatureMaximaTable
{
    private readonly Dictionary<string, FeatureMaxima> _byLang;

    private FeatureMaximaTable(Dictionary<string, FeatureMaxima> byLang) => _byLang = byLang;

    /// <summary>How many wikis the table covers.</summary>
    public int Count => _byLang.Count;

    /// <summary>Finds a wiki's maxima by language code (<c>en</c>, <c>simple</c>, <c>zh_min_nan</c>...).</summary>
    public bool TryGet(string lang, out FeatureMaxima maxima) => _byLang.TryGetValue(lang, out maxima!);

    /// <summary>Reads the TSV and applies the floors.</summary>
    /// <exception cref="InvalidDataException">A missing column or an unparsable number, with the line.</exception>
    public static FeatureMaximaTable Load(string path, IReadOnlyDictionary<string, double> floors)
    {
        ArgumentNullException.ThrowIfNull(floors);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split('\t') ?? throw new InvalidDataException($"{path}: empty file.");
        var wikiColumn = Array.IndexOf(header, "wiki_db");
        var columns = FeatureMaxima.Columns.Select(c => Array.IndexOf(header, c)).ToArray();
        if (wikiColumn < 0 || columns.Any(i => i < 0))
        {
            throw new InvalidDataException($"{path}: the header must have wiki_db and {string.Join(", ", FeatureMaxima.Columns)}.");
        }

        var byLang = new Dictionary<string, FeatureMaxima>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            var v = new double[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] >= cells.Length || !double.TryParse(cells[columns[i]], NumberStyles.Float, CultureInfo.InvariantCulture, out var raw))
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: {FeatureMaxima.Columns[i]} is not a number.");
                }

                v[i] = Math.Max(floors[FeatureMaxima.Columns[i]], raw);
            }

            var lang = cells[wikiColumn].Replace("wiki", "", StringComparison.Ordinal);
            byLang[lang] = new FeatureMaxima(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }

        return new FeatureMaximaTable(byLang);
    }
}
