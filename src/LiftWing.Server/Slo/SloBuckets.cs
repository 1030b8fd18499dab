namespace LiftWing.Server.Slo;

/// <summary>
/// The edge histogram's bucket boundaries (seconds): LiftWing's usual ones plus every configured latency threshold,
/// so "within the threshold" is an exact bucket count, never an interpolation.
/// </summary>
public static class SloBuckets
{
    private static readonly double[] s_base = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>The sorted, distinct boundaries for these options.</summary>
    public static double[] For(SloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return s_base.Concat(options.Thresholds()).Distinct().Order().ToArray();
    }

    /// <summary>The boundary as Prometheus writes it in the <c>le</c> label.</summary>
    public static string Label(double seconds) => seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
