using LiftWing.Training.Linear;

namespace LiftWing.Training.Tests.Linear;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void RocAuc_PerfectReversedAndTied()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1, 0.2, 0.8, 0.9], labels));
        Assert.Equal(0.0, BinaryMetrics.RocAuc([0.9, 0.8, 0.2, 0.1], labels));
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.5, 0.5, 0.5, 0.5], labels));
    }

    [Fact]
    public void RocAuc_KnownValue()
    {
        // Pairs (pos, neg): 0.35>0.1 ✓, 0.35<0.4 ✗, 0.8>0.1 ✓, 0.8>0.4 ✓ → 3/4.
        Assert.Equal(0.75, BinaryMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
    }

    [Fact]
    public void Accuracy_Threshold()
    {
        Assert.Equal(0.75, BinaryMetrics.Accuracy([0.1, 0.6, 0.7, 0.4], [false, false, true, false]));
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.1], [true])));
    }
}
