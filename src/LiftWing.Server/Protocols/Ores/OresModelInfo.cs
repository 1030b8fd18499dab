using System.Text;
using System.Text.Json.Nodes;
using LiftWing.Core.Models;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// ORES's <c>model_info</c> for models with a held-out threshold table: <c>version</c>,
/// <c>statistics.thresholds.true</c> (the table) and <c>statistics.thresholds.true."maximum recall @ precision &gt;= 0.9"</c>
/// (one element per optimisation: the raw threshold, then every statistic rounded to 3 digits).
/// </summary>
internal static class OresModelInfo
{
    /// <summary>Builds <c>models.{m}</c> for the requested paths; throws ORES's 400 for a path it cannot resolve.</summary>
    public static JsonObject Build(string modelInfo, string version, ThresholdTable table)
    {
        var info = new JsonObject();
        var optimisations = new List<string>();
        var wantTable = false;
        foreach (var path in modelInfo.Split('|'))
        {
            var segments = Segments(path) ?? throw OresErrors.ModelInfo(path);
            if (segments is ["version"])
            {
                info["version"] = version;
            }
            else if (segments is ["statistics", "thresholds", var label] && label == table.Label)
            {
                wantTable = true;
            }
            else if (segments is ["statistics", "thresholds", var l, var optimisation] && l == table.Label && ThresholdOptimization.TryParse(optimisation) is not null)
            {
                if (!optimisations.Contains(optimisation, StringComparer.Ordinal))
                {
                    optimisations.Add(optimisation);
                }
            }
            else
            {
                throw OresErrors.ModelInfo(path);
            }
        }

        if (wantTable || optimisations.Count > 0)
        {
            // As in ORES's path tree, optimisations under a label replace the whole table.
            JsonArray rows = optimisations.Count > 0
                ? [.. optimisations.Select(o => Optimised(ThresholdOptimization.TryParse(o)!, table))]
                : FullTable(table);
            info["statistics"] = new JsonObject { ["thresholds"] = new JsonObject { [table.Label] = rows } };
        }

        return info;
    }

    private static JsonNode? Optimised(ThresholdOptimization optimisation, ThresholdTable table) =>
        optimisation.Optimal(table) is { } row ? Row(row, row.Threshold) : null;

    private static JsonArray FullTable(ThresholdTable table)
    {
        var rows = new JsonArray();
        double? previous = null;
        foreach (var row in table.Rows)
        {
            var rounded = Math.Round(row.Threshold, 5, MidpointRounding.ToEven);
            if (previous == rounded)
            {
                continue; // revscoring keeps the first row of each rounded threshold
            }

            previous = rounded;
            rows.Add(Row(row, rounded));
        }

        return rows;
    }

    private static JsonObject Row(ThresholdRow row, double threshold)
    {
        var node = new JsonObject { ["threshold"] = threshold };
        foreach (var field in ThresholdStatistics.Fields)
        {
            node[field] = ThresholdStatistics.Get(row, field) is { } v ? JsonValue.Create(Math.Round(v, 3, MidpointRounding.ToEven)) : null;
        }

        return node;
    }

    /// <summary>ORES's dotted path with <c>'…'</c> or <c>"…"</c> quoting; null when a quote is not closed or a segment is empty.</summary>
    internal static IReadOnlyList<string>? Segments(string path)
    {
        var segments = new List<string>();
        var i = 0;
        while (i <= path.Length)
        {
            var sb = new StringBuilder();
            if (i < path.Length && path[i] is '"' or '\'')
            {
                var quote = path[i];
                var end = path.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    return null;
                }

                sb.Append(path, i + 1, end - i - 1);
                i = end + 1;
                if (i < path.Length && path[i] != '.')
                {
                    return null;
                }
            }
            else
            {
                var end = path.IndexOf('.', i);
                end = end < 0 ? path.Length : end;
                sb.Append(path, i, end - i);
                i = end;
            }

            if (sb.Length == 0)
            {
                return null;
            }

            segments.Add(sb.ToString());
            i++; // past the '.'
        }

        return segments;
    }
}
