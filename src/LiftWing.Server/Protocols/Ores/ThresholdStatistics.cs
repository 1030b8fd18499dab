using LiftWing.Core.Models;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>revscoring's per-threshold statistics (<c>ScaledPredictionStatistics</c>, unscaled) from a row's counts.</summary>
internal static class ThresholdStatistics
{
    /// <summary>The statistics in ORES's order.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["match_rate", "filter_rate", "precision", "!precision", "recall", "!recall", "accuracy", "fpr", "f1", "!f1"];

    /// <summary>Whether a name is a statistic.</summary>
    public static bool IsField(string name) => Fields.Contains(name, StringComparer.Ordinal);

    /// <summary>A statistic of a row; null where revscoring's is None (a zero denominator).</summary>
    public static double? Get(ThresholdRow r, string field)
    {
        double tp = r.TruePositives, fp = r.FalsePositives, tn = r.TrueNegatives, fn = r.FalseNegatives;
        var n = tp + fp + tn + fn;
        return field switch
        {
            "match_rate" => Ratio(tp + fp, n),
            "filter_rate" => Ratio(tp + fp, n) is { } m ? 1 - m : null,
            "precision" => Ratio(tp, tp + fp),
            "!precision" => Ratio(tn, tn + fn),
            "recall" => Ratio(tp, tp + fn),
            "!recall" => Ratio(tn, tn + fp),
            "accuracy" => Ratio(tp + tn, n),
            "fpr" => Ratio(fp, fp + tn),
            "f1" => F1(Ratio(tp, tp + fp), Ratio(tp, tp + fn)),
            "!f1" => F1(Ratio(tn, tn + fn), Ratio(tn, tn + fp)),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a threshold statistic"),
        };
    }

    private static double? Ratio(double a, double b) => b != 0 ? a / b : null;

    private static double? F1(double? p, double? r) => p is { } pp && r is { } rr && pp + rr > 0 ? 2 * (pp * rr / (pp + rr)) : null;
}
