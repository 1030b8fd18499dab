namespace LiftWing.Runtimes.Gbdt;

/// <summary>Platt scaling as ML.NET writes it: <c>p = 1 / (1 + exp(Slope·score + Offset))</c>.</summary>
public sealed record PlattCalibration(double Slope, double Offset)
{
    /// <summary>The calibrated probability of the positive class.</summary>
    public double Probability(double score) => 1.0 / (1.0 + Math.Exp((Slope * score) + Offset));
}
