namespace LiftWing.Training.Evaluation;

/// <summary>Mean, sample standard deviation, min and max of a few values (the spread of CV folds).</summary>
public sealed record SummaryStatistics(double Mean, double StdDev, double Min, double Max)
{
    /// <summary>Summarises values (n ≥ 1; the standard deviation of one value is 0).</summary>
    public static SummaryStatistics Of(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new SummaryStatistics(mean, Math.Sqrt(variance), values.Min(), values.Max());
    }
}
