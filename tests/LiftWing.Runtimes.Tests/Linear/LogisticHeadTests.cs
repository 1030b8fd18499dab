using LiftWing.Runtimes.Linear;

namespace LiftWing.Runtimes.Tests.Linear;

public sealed class LogisticHeadTests
{
    private static LogisticHead Head() => new()
    {
        Target = "logo",
        Mean = [1f, 2f],
        Scale = [1f, 2f],
        Weights = [1f, -1f],
        Bias = 0.5,
        DistanceQuantiles = [0f, 1f, 2f],
    };

    [Fact]
    public void Predict_StandardisesThenSigmoid()
    {
        // z = 0.5 + 1·(3−1)/1 − 1·(2−2)/2 = 2.5
        Assert.Equal(1 / (1 + Math.Exp(-2.5)), Head().Predict([3f, 2f]), 12);
    }

    [Fact]
    public void OutOfDomain_InterpolatesTrainingDistanceQuantiles()
    {
        var head = Head();
        Assert.Equal(0.0, head.OutOfDomain([1f, 2f]));                   // distance 0
        Assert.Equal(0.5, head.OutOfDomain([1f + (float)Math.Sqrt(2), 2f]), 6); // RMS z = 1 → middle quantile
        Assert.Equal(1.0, head.OutOfDomain([100f, 2f]));
    }

    [Fact]
    public void SaveLoad_RoundTrips_AndRejectsInconsistentFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            Head().Save(path);
            var loaded = LogisticHead.Load(path);
            Assert.Equal(Head().Weights, loaded.Weights);
            Assert.Equal(0.5, loaded.Bias);
            File.WriteAllText(path, """{"format":"liftwing-logistic-head/1","mean":[1],"scale":[1],"weights":[1,2],"distance_quantiles":[0,1]}""");
            Assert.Throws<InvalidDataException>(() => LogisticHead.Load(path));
            File.WriteAllText(path, "not json");
            Assert.Throws<InvalidDataException>(() => LogisticHead.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
