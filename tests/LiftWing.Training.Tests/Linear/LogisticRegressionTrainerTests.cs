using LiftWing.Training.Linear;

namespace LiftWing.Training.Tests.Linear;

public sealed class LogisticRegressionTrainerTests
{
    [Fact]
    public void Train_NoisyLinearData_RecoversDirectionAndSeparates()
    {
        var rnd = new Random(7);
        var x = new float[400][];
        var y = new bool[400];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = [(float)Gaussian(rnd), (float)Gaussian(rnd), (float)Gaussian(rnd)];
            var z = (2.0 * x[i][0]) - x[i][1] + 0.5;
            y[i] = rnd.NextDouble() < LogisticRegressionTrainer.Sigmoid(z);
        }

        var fit = LogisticRegressionTrainer.Train(x, y, Enumerable.Repeat(1.0, x.Length).ToArray(), l2: 1e-4);
        Assert.InRange(fit.Weights[0], 1.4, 2.8);
        Assert.InRange(fit.Weights[1], -1.5, -0.6);
        Assert.InRange(fit.Weights[2], -0.4, 0.4);
        Assert.InRange(fit.Bias, 0.1, 0.9);
        Assert.True(fit.Iterations < 20);
    }

    [Fact]
    public void Train_SameData_SameWeights()
    {
        float[][] x = [[0f, 1f], [1f, 0f], [2f, 1f], [3f, 3f], [0.5f, 2f], [2.5f, 0.5f]];
        bool[] y = [false, false, true, true, false, true];
        var w = Enumerable.Repeat(1.0, x.Length).ToArray();
        var a = LogisticRegressionTrainer.Train(x, y, w, 0.1);
        var b = LogisticRegressionTrainer.Train(x, y, w, 0.1);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Bias, b.Bias);
    }

    [Fact]
    public void Train_StrongerPenalty_SmallerWeights()
    {
        float[][] x = [[0f], [1f], [2f], [3f]];
        bool[] y = [false, false, true, true];
        var w = Enumerable.Repeat(1.0, x.Length).ToArray();
        Assert.True(Math.Abs(LogisticRegressionTrainer.Train(x, y, w, 1.0).Weights[0]) < Math.Abs(LogisticRegressionTrainer.Train(x, y, w, 0.01).Weights[0]));
    }

    private static double Gaussian(Random rnd) =>
        Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
}
