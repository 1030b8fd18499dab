using System.Globalization;
using System.Text.RegularExpressions;
using LiftWing.Core.Models;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// ORES's threshold optimisation, e.g. <c>maximum recall @ precision &gt;= 0.9</c>: among the rows whose condition
/// statistic is known and meets the bound, the one with the largest (smallest) target, ties broken on the threshold.
/// </summary>
internal sealed partial record ThresholdOptimization(bool Maximize, string Target, string Condition, bool Greater, double Bound)
{
    // revscoring's STRING_PATTERN, matched at the start of the stripped, lower-cased text.
    [GeneratedRegex(@"^(maximum|minimum) ([^\W\d]\w*) @ ([^\W\d]\w*) (>=|<=) ([-+]?([0-9]*\.[0-9]+|[0-9]+))", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses an optimisation; null when the text is not one or names an unknown statistic.</summary>
    public static ThresholdOptimization? TryParse(string text)
    {
        var m = Pattern().Match(text.Trim().ToLowerInvariant());
        if (!m.Success || !ThresholdStatistics.IsField(m.Groups[2].Value) || !ThresholdStatistics.IsField(m.Groups[3].Value))
        {
            return null;
        }

        return new ThresholdOptimization(m.Groups[1].Value == "maximum", m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value == ">=",
            double.Parse(m.Groups[5].Value, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>The optimal row, or null when no row qualifies.</summary>
    public ThresholdRow? Optimal(ThresholdTable table)
    {
        ThresholdRow? best = null;
        double bestTarget = 0;
        foreach (var row in table.Rows)
        {
            if (ThresholdStatistics.Get(row, Condition) is not { } cond || (Greater ? cond < Bound : cond > Bound))
            {
                continue;
            }

            // revscoring compares (target, threshold) tuples; a row without a target value cannot be compared, so it is skipped.
            if (ThresholdStatistics.Get(row, Target) is not { } target)
            {
                continue;
            }

            var better = best is null
                || (Maximize ? target > bestTarget || (target == bestTarget && row.Threshold > best.Threshold)
                             : target < bestTarget || (target == bestTarget && row.Threshold < best.Threshold));
            if (better)
            {
                best = row;
                bestTarget = target;
            }
        }

        return best;
    }
}
