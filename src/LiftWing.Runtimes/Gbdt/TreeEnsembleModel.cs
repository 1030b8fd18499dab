using System.Text.Json;

namespace LiftWing.Runtimes.Gbdt;

/// <summary>
/// A gradient-boosted tree ensemble for binary classification, loaded from the project's own JSON format
/// (<c>liftwing-gbdt/1</c>, see <see cref="TreeEnsembleJson"/>). Pure data and arithmetic: no ML.NET, no native code,
/// nothing that executes code from the file.
/// </summary>
public sealed class TreeEnsembleModel
{
    /// <summary>The format tag written into and required from the JSON.</summary>
    public const string FormatTag = "liftwing-gbdt/1";

    /// <summary>Creates a model and validates it.</summary>
    public TreeEnsembleModel(IReadOnlyList<string> featureNames, double bias, IReadOnlyList<RegressionTree> trees, PlattCalibration calibration)
    {
        FeatureNames = featureNames;
        Bias = bias;
        Trees = trees;
        Calibration = calibration;
        foreach (var tree in trees)
        {
            tree.Validate(featureNames.Count);
        }
    }

    /// <summary>The feature order the model expects.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Constant added to the tree sum.</summary>
    public double Bias { get; }

    /// <summary>The trees.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Maps the raw score to a probability.</summary>
    public PlattCalibration Calibration { get; }

    /// <summary>The raw (uncalibrated) score: bias plus the sum of the tree outputs.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureNames.Count)
        {
            throw new ArgumentException($"expected {FeatureNames.Count} features, got {features.Length}", nameof(features));
        }

        var sum = Bias;
        foreach (var tree in Trees)
        {
            sum += tree.Evaluate(features);
        }

        return sum;
    }

    /// <summary>The calibrated probability of the positive class.</summary>
    public double PredictProbability(ReadOnlySpan<float> features) => Calibration.Probability(Score(features));

    /// <summary>Reads a model from a JSON file.</summary>
    public static TreeEnsembleModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads a model from JSON.</summary>
    public static TreeEnsembleModel Load(Stream json)
    {
        TreeEnsembleJson? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, TreeEnsembleJsonContext.Default.TreeEnsembleJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not a {FormatTag} model: {ex.Message}", ex);
        }

        if (dto is null || dto.Format != FormatTag)
        {
            throw new InvalidDataException($"not a {FormatTag} model (format '{dto?.Format}')");
        }

        var trees = dto.Trees.Select(t => new RegressionTree(t.SplitFeature, t.Threshold, t.LeftChild, t.RightChild, t.LeafValue)).ToArray();
        return new TreeEnsembleModel(dto.FeatureNames, dto.Bias, trees, new PlattCalibration(dto.Calibration.Slope, dto.Calibration.Offset));
    }

    /// <summary>Writes the model as JSON (stable formatting, so the file's sha256 is reproducible).</summary>
    public void Save(Stream stream)
    {
        var dto = new TreeEnsembleJson
        {
            Format = FormatTag,
            FeatureNames = [.. FeatureNames],
            Bias = Bias,
            Trees = [.. Trees.Select(t => new TreeJson
            {
                SplitFeature = t.SplitFeature,
                Threshold = t.Threshold,
                LeftChild = t.LeftChild,
                RightChild = t.RightChild,
                LeafValue = t.LeafValue,
            })],
            Calibration = new CalibrationJson { Kind = "platt", Slope = Calibration.Slope, Offset = Calibration.Offset },
        };
        JsonSerializer.Serialize(stream, dto, TreeEnsembleJsonContext.Default.TreeEnsembleJson);
    }
}
