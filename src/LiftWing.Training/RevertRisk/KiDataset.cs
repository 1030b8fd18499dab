using System.Globalization;
using LiftWing.Training.Data;
using LiftWing.Wiki.RevertRisk;

namespace LiftWing.Training.RevertRisk;

/// <summary>
/// Reads the knowledge_integrity training sample (<c>data_sample.csv</c> of trokhymovych/KI_multilingual_training):
/// one row per revision with mwedittypes counts, the user's group flags, editing-interface flags and the label
/// <c>revision_is_identity_reverted</c>. Columns the serving path cannot compute (mBERT scores, page revision count,
/// the user's previous edit) are ignored.
/// </summary>
public static class KiDataset
{
    /// <summary>Reads the CSV file.</summary>
    public static IReadOnlyList<LabelledEdit> Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>Parses the CSV text.</summary>
    public static IReadOnlyList<LabelledEdit> Parse(TextReader reader)
    {
        var rows = CsvReader.ReadWithHeader(reader);
        var edits = new List<LabelledEdit>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            try
            {
                edits.Add(ToEdit(rows[r]));
            }
            catch (Exception ex) when (ex is FormatException or KeyNotFoundException or OverflowException)
            {
                throw new InvalidDataException($"row {r + 1}: {ex.Message}", ex);
            }
        }

        return edits;
    }

    private static LabelledEdit ToEdit(IReadOnlyDictionary<string, string> row)
    {
        var editTypes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in EditTypeNames.All)
        {
            editTypes[key] = int.Parse(row[key], CultureInfo.InvariantCulture);
        }

        var input = new RevertRiskFeatureInput
        {
            EditTypes = editTypes,
            BytesDiff = long.Parse(row["revision_text_bytes_diff"], CultureInfo.InvariantCulture),
            IsAnonymous = IsTrue(row["is_anonymous"]),
            UserGroups = [.. RevertRiskFeatures.Groups.Where(g => IsTrue(row["is_" + g]))],
            Tags = [.. RevertRiskFeatures.EditTags.Where(t => IsTrue(row[t.Feature])).Select(t => t.Tag)],
            Comment = row["event_comment"],
            Timestamp = DateTimeOffset.ParseExact(row["event_timestamp"], "yyyy-MM-dd HH:mm:ss.F", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        };
        return new LabelledEdit(
            row["wiki_db"],
            long.Parse(row["revision_id"], CultureInfo.InvariantCulture),
            input,
            IsTrue(row["revision_is_identity_reverted"]));
    }

    // The sample mixes Python bools ("True") and ints ("1", "0.0") for flags.
    private static bool IsTrue(string value) => value switch
    {
        "True" or "true" or "1" or "1.0" => true,
        "False" or "false" or "0" or "0.0" or "" => false,
        _ => throw new FormatException($"not a boolean flag: '{value}'"),
    };
}
