using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiftWing.Core.Models;

/// <summary>
/// A binary model's threshold table from held-out predictions (<c>thresholds.json</c> beside model.yaml), built
/// the way revscoring builds its test-set table: one row per distinct score, ascending, counting items scored at
/// or above it as predicted positive, plus a last row where nothing is. The ORES adapter answers
/// <c>model_info=statistics.thresholds...</c> queries from it.
/// </summary>
public sealed record ThresholdTable
{
    /// <summary>The file name beside model.yaml.</summary>
    public const string FileName = "thresholds.json";

    /// <summary>The positive label the scores are for (ORES path segment, e.g. <c>true</c>).</summary>
    [JsonPropertyName("label")]
    public string Label { get; init; } = "true";

    /// <summary>Where the held-out predictions come from (for people reading the file).</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = "";

    /// <summary>The rows, thresholds ascending.</summary>
    [JsonPropertyName("rows")]
    public IReadOnlyList<ThresholdRow> Rows { get; init; } = [];

    /// <summary>Builds the table from held-out scores and labels.</summary>
    public static ThresholdTable FromScores(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, string source)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count || scores.Count == 0)
        {
            throw new ArgumentException("scores and labels must be non-empty and of equal length");
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ThenBy(i => labels[i]).ToArray();
        int tp = labels.Count(l => l), fp = labels.Count - tp, tn = 0, fn = 0;
        var rows = new List<ThresholdRow>();
        var i = 0;
        var threshold = 0.0;
        while (i < order.Length)
        {
            threshold = scores[order[i]];
            rows.Add(new ThresholdRow(threshold, tp, fp, tn, fn));
            for (; i < order.Length && scores[order[i]] == threshold; i++)
            {
                if (labels[order[i]])
                {
                    tp--;
                    fn++;
                }
                else
                {
                    fp--;
                    tn++;
                }
            }
        }

        rows.Add(new ThresholdRow(threshold, tp, fp, tn, fn));
        return new ThresholdTable { Source = source, Rows = rows };
    }

    /// <summary>Reads a table; null when the file does not exist.</summary>
    public static ThresholdTable? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var table = JsonSerializer.Deserialize<ThresholdTable>(File.ReadAllBytes(path));
            return table is { Rows.Count: > 0 } ? table : throw new InvalidDataException($"{path}: no rows");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the table as JSON, one row a line (readable in a diff, a tenth of the indented size).</summary>
    public void Write(string path)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("{\"label\": ").Append(JsonSerializer.Serialize(Label)).Append(",\n \"source\": ").Append(JsonSerializer.Serialize(Source)).Append(",\n \"rows\": [\n");
        for (var i = 0; i < Rows.Count; i++)
        {
            sb.Append("  ").Append(JsonSerializer.Serialize(Rows[i])).Append(i + 1 < Rows.Count ? ",\n" : "\n");
        }

        sb.Append("]}\n");
        File.WriteAllText(path, sb.ToString());
    }
}
