using System.Text.Json.Serialization;

namespace LiftWing.Runtimes.Gbdt;

/// <summary>
/// The on-disk shape of <c>liftwing-gbdt/1</c>:
/// <c>{"format","feature_names":[..],"bias","trees":[{"split_feature","threshold","left_child","right_child","leaf_value"}],
/// "calibration":{"kind":"platt","slope","offset"}}</c>.
/// </summary>
internal sealed class TreeEnsembleJson
{
    /// <summary>Always <see cref="TreeEnsembleModel.FormatTag"/>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; set; } = "";

    /// <summary>Feature order.</summary>
    [JsonPropertyName("feature_names")]
    public string[] FeatureNames { get; set; } = [];

    /// <summary>Constant term.</summary>
    [JsonPropertyName("bias")]
    public double Bias { get; set; }

    /// <summary>The trees.</summary>
    [JsonPropertyName("trees")]
    public TreeJson[] Trees { get; set; } = [];

    /// <summary>Score → probability.</summary>
    [JsonPropertyName("calibration")]
    public CalibrationJson Calibration { get; set; } = new();
}

/// <summary>One tree in <see cref="TreeEnsembleJson"/>.</summary>
internal sealed class TreeJson
{
    /// <summary>See <see cref="RegressionTree.SplitFeature"/>.</summary>
    [JsonPropertyName("split_feature")]
    public int[] SplitFeature { get; set; } = [];

    /// <summary>See <see cref="RegressionTree.Threshold"/>.</summary>
    [JsonPropertyName("threshold")]
    public float[] Threshold { get; set; } = [];

    /// <summary>See <see cref="RegressionTree.LeftChild"/>.</summary>
    [JsonPropertyName("left_child")]
    public int[] LeftChild { get; set; } = [];

    /// <summary>See <see cref="RegressionTree.RightChild"/>.</summary>
    [JsonPropertyName("right_child")]
    public int[] RightChild { get; set; } = [];

    /// <summary>See <see cref="RegressionTree.LeafValue"/>.</summary>
    [JsonPropertyName("leaf_value")]
    public double[] LeafValue { get; set; } = [];
}

/// <summary>Calibration in <see cref="TreeEnsembleJson"/>.</summary>
internal sealed class CalibrationJson
{
    /// <summary>Only <c>platt</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "platt";

    /// <summary>Platt slope.</summary>
    [JsonPropertyName("slope")]
    public double Slope { get; set; }

    /// <summary>Platt offset.</summary>
    [JsonPropertyName("offset")]
    public double Offset { get; set; }
}

/// <summary>Source-generated JSON metadata for the model file.</summary>
[JsonSerializable(typeof(TreeEnsembleJson))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class TreeEnsembleJsonContext : JsonSerializerContext;
