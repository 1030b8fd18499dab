using LiftWing.Training.Evaluation;

namespace LiftWing.Training.Tests.Evaluation;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void RocAuc_PerfectRanking_IsOne() =>
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));

    [Fact]
    public void RocAuc_ReversedRanking_IsZero() =>
        Assert.Equal(0.0, BinaryMetrics.RocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));

    [Fact]
    public void RocAuc_ScikitLearnExample_IsThreeQuarters() =>
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        Assert.Equal(0.75, BinaryMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);

    [Fact]
    public void RocAuc_TiedScores_CountHalf() =>
        // One positive tied with one negative, one positive above both: pairs (p1>n)=1, (p2=n)=0.5 → 0.75.
        Assert.Equal(0.75, BinaryMetrics.RocAuc([0.5, 0.5, 0.9], [false, true, true]), 12);

    [Fact]
    public void RocAuc_OneClass_Throws() =>
        Assert.Throws<ArgumentException>(() => BinaryMetrics.RocAuc([0.1, 0.2], [true, true]));

    [Fact]
    public void AveragePrecision_ScikitLearnExample_Matches() =>
        // sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333…
        Assert.Equal(5.0 / 6.0, BinaryMetrics.AveragePrecision([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);

    [Fact]
    public void AveragePrecision_PerfectRanking_IsOne() =>
        Assert.Equal(1.0, BinaryMetrics.AveragePrecision([0.9, 0.8, 0.1], [true, true, false]), 12);

    [Fact]
    public void AveragePrecision_AllTied_IsBaseRate() =>
        Assert.Equal(0.25, BinaryMetrics.AveragePrecision([0.5, 0.5, 0.5, 0.5], [true, false, false, false]), 12);

    [Fact]
    public void Brier_And_LogLoss_KnownValues()
    {
        Assert.Equal((0.01 + 0.04) / 2, BinaryMetrics.Brier([0.9, 0.2], [true, false]), 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8)) / 2, BinaryMetrics.LogLoss([0.9, 0.2], [true, false]), 12);
    }

    [Fact]
    public void Calibration_BinsByProbability_AndEceIsWeightedGap()
    {
        var table = BinaryMetrics.Calibration([0.05, 0.05, 0.95, 0.95], [false, true, true, true], bins: 10);

        Assert.Equal(2, table.Count);
        Assert.Equal(new CalibrationBin(0.0, 0.1, 2, 0.05, 0.5), table[0]);
        Assert.Equal(2, table[1].Count);
        Assert.Equal(1.0, table[1].ObservedRate);
        Assert.Equal(((2 * 0.45) + (2 * 0.05)) / 4, BinaryMetrics.ExpectedCalibrationError(table), 12);
    }

    [Fact]
    public void StratifiedKFold_SameSeed_SameFoldsAndBalancedClasses()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i % 10 == 0).ToArray();

        var a = StratifiedKFold.Assign(labels, 5, 7);
        var b = StratifiedKFold.Assign(labels, 5, 7);

        Assert.Equal(a, b);
        for (var f = 0; f < 5; f++)
        {
            Assert.Equal(2, Enumerable.Range(0, 100).Count(i => a[i] == f && labels[i]));
            Assert.Equal(20, a.Count(x => x == f));
        }
    }

    [Fact]
    public void SummaryStatistics_SampleStandardDeviation() =>
        Assert.Equal(new SummaryStatistics(2, 1, 1, 3), SummaryStatistics.Of([1.0, 2.0, 3.0]));

    [Fact]
    public void RocAuc_AllTied_IsOneHalf() =>
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.5, 0.5, 0.5, 0.5], [false, false, true, true]));

    [Fact]
    public void Accuracy_CountsEachSideOfTheThreshold()
    {
        Assert.Equal(0.75, BinaryMetrics.Accuracy([0.1, 0.6, 0.7, 0.4], [false, false, true, false]));
        Assert.Equal(0.25, BinaryMetrics.Accuracy([0.1, 0.6, 0.7, 0.4], [false, false, true, false], threshold: 0.05));
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Accuracy([0.1], [true, false]));
    }
}
