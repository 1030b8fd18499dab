using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiftWing.Runtimes.Linear;

/// <summary>
/// A logistic-regression head over a feature vector, with the statistics needed for an out-of-domain score.
/// Serialised as small JSON (see <see cref="Save"/>), written by <c>liftwing train logo</c>.
/// <list type="bullet">
/// <item><c>p = σ(bias + Σ weights[i] · (x[i] − mean[i]) / scale[i])</c>.</item>
/// <item>Out-of-domain: the features are z-scored with the same mean/scale and reduced to their root-mean-square
/// z (<see cref="Distance"/>). The score is the fraction of the training images whose distance is smaller, read
/// from <see cref="DistanceQuantiles"/> (101 quantiles, linear in between): 0.5 is a typical training image,
/// 1.0 is farther from the training distribution than every training image.</item>
/// </list>
/// </summary>
public sealed record LogisticHead
{
    /// <summary>The format tag written in the file.</summary>
    public const string FormatTag = "liftwing-logistic-head/1";

    /// <summary>The format tag.</summary>
    public string Format { get; init; } = FormatTag;

    /// <summary>What the positive class is (e.g. <c>logo</c>).</summary>
    public string Target { get; init; } = "";

    /// <summary>Per-feature mean of the training set.</summary>
    public required float[] Mean { get; init; }

    /// <summary>Per-feature standard deviation of the training set (floored so no feature divides by ~0).</summary>
    public required float[] Scale { get; init; }

    /// <summary>Weights over the standardised features.</summary>
    public required float[] Weights { get; init; }

    /// <summary>The intercept.</summary>
    public double Bias { get; init; }

    /// <summary>101 quantiles (0 %, 1 %, … 100 %) of the training images' RMS z-distance.</summary>
    public required float[] DistanceQuantiles { get; init; }

    /// <summary>How the head was trained (data, sizes, metrics); informational.</summary>
    public Dictionary<string, JsonElement>? Training { get; init; }

    /// <summary>The number of features.</summary>
    [JsonIgnore]
    public int FeatureCount => Weights.Length;

    /// <summary>The JSON options of the file format.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    /// <summary>The probability of the positive class.</summary>
    public double Predict(ReadOnlySpan<float> features)
    {
        var z = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            z += Weights[i] * ((features[i] - Mean[i]) / Scale[i]);
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }

    /// <summary>The RMS of the z-scored features: how far from the training mean, in standard deviations per feature.</summary>
    public double Distance(ReadOnlySpan<float> features)
    {
        double sum = 0;
        for (var i = 0; i < Mean.Length; i++)
        {
            var d = (features[i] - Mean[i]) / Scale[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / Mean.Length);
    }

    /// <summary>The fraction of the training set closer to the training mean than this input (0–1).</summary>
    public double OutOfDomain(ReadOnlySpan<float> features)
    {
        var d = Distance(features);
        var q = DistanceQuantiles;
        if (d <= q[0])
        {
            return 0;
        }

        if (d >= q[^1])
        {
            return 1;
        }

        var hi = 1;
        while (q[hi] < d)
        {
            hi++;
        }

        var lo = hi - 1;
        var span = q[hi] - q[lo];
        var frac = span > 0 ? (d - q[lo]) / span : 0;
        return (lo + frac) / (q.Length - 1);
    }

    /// <summary>Reads and validates a head file.</summary>
    public static LogisticHead Load(string path)
    {
        LogisticHead? head;
        try
        {
            head = JsonSerializer.Deserialize<LogisticHead>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a logistic head: {ex.Message}", ex);
        }

        if (head is null || head.Format != FormatTag)
        {
            throw new InvalidDataException($"{path}: expected format '{FormatTag}'.");
        }

        var n = head.Weights.Length;
        if (n == 0 || head.Mean.Length != n || head.Scale.Length != n || head.Scale.Any(s => !(s > 0)) || head.DistanceQuantiles.Length < 2)
        {
            throw new InvalidDataException($"{path}: inconsistent head (weights {n}, mean {head.Mean.Length}, scale {head.Scale.Length}, quantiles {head.DistanceQuantiles.Length}).");
        }

        return head;
    }

    /// <summary>Writes the head as JSON (deterministic: same head, same bytes).</summary>
    public void Save(string path) => File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions));
}
