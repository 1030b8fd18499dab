namespace LiftWing.Training.Evaluation;

/// <summary>Ranking and probability metrics for binary classifiers (scores: higher = more likely positive).</summary>
public static class BinaryMetrics
{
    /// <summary>The fraction of scores on the right side of <paramref name="threshold"/>.</summary>
    public static double Accuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold = 0.5)
    {
        CheckInputs(scores, labels);
        var correct = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] >= threshold == labels[i])
            {
                correct++;
            }
        }

        return (double)correct / scores.Count;
    }

    /// <summary>
    /// Area under the ROC curve, by the rank-sum (Mann-Whitney) formula with tied scores given their average rank,
    /// so it equals scikit-learn's <c>roc_auc_score</c>. Throws when one class is absent.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        CheckInputs(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positives = 0, rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            i = j + 1;
        }

        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("ROC-AUC needs both classes");
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>
    /// Area under the precision-recall curve as average precision: Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct score thresholds,
    /// highest first (scikit-learn's <c>average_precision_score</c>). Throws when there is no positive.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        CheckInputs(scores, labels);
        var totalPositives = labels.Count(l => l);
        if (totalPositives == 0)
        {
            throw new ArgumentException("average precision needs a positive");
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double truePositives = 0, seen = 0, previousRecall = 0, ap = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                seen++;
                if (labels[order[k]])
                {
                    truePositives++;
                }
            }

            var recall = truePositives / totalPositives;
            ap += (recall - previousRecall) * (truePositives / seen);
            previousRecall = recall;
            i = j + 1;
        }

        return ap;
    }

    /// <summary>Mean squared error of probabilities against 0/1 labels.</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        CheckInputs(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }

        return sum / probabilities.Count;
    }

    /// <summary>Mean negative log-likelihood, with probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        CheckInputs(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / probabilities.Count;
    }

    /// <summary>Reliability table: <paramref name="bins"/> equal-width probability bins, empty bins left out.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins = 10)
    {
        CheckInputs(probabilities, labels);
        var count = new int[bins];
        var predicted = new double[bins];
        var observed = new int[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var b = Math.Min(bins - 1, (int)(probabilities[i] * bins));
            count[b]++;
            predicted[b] += probabilities[i];
            observed[b] += labels[i] ? 1 : 0;
        }

        var table = new List<CalibrationBin>();
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                table.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], predicted[b] / count[b], (double)observed[b] / count[b]));
            }
        }

        return table;
    }

    /// <summary>Expected calibration error: the count-weighted mean |predicted − observed| over the bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<CalibrationBin> table)
    {
        var total = table.Sum(b => b.Count);
        return total == 0 ? 0 : table.Sum(b => b.Count * Math.Abs(b.MeanPredicted - b.ObservedRate)) / total;
    }

    private static void CheckInputs(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels");
        }

        if (scores.Count == 0)
        {
            throw new ArgumentException("no scores");
        }
    }
}
