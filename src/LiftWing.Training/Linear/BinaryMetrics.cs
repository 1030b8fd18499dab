namespace LiftWing.Training.Linear;

/// <summary>Accuracy and ROC-AUC of binary scores.</summary>
public static class BinaryMetrics
{
    /// <summary>The fraction of scores on the right side of <paramref name="threshold"/>.</summary>
    public static double Accuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var correct = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] >= threshold == labels[i])
            {
                correct++;
            }
        }

        return scores.Count == 0 ? double.NaN : (double)correct / scores.Count;
    }

    /// <summary>ROC-AUC by the rank-sum (Mann–Whitney) statistic; ties count one half.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        double positives = labels.Count(l => l);
        double negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var rankSum = 0.0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (labels[i])
            {
                rankSum += ranks[i];
            }
        }

        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
