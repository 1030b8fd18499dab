using LiftWing.Runtimes.Onnx;

namespace LiftWing.Training.Examples;

/// <summary>
/// Generates <c>models/example-linear/model.onnx</c>: a 4-feature, 3-class linear softmax classifier
/// (probabilities = softmax(x·W + b), label = argmax). It exists so the generic <c>onnx</c> server is exercised
/// end to end with no network; the weights are fixed here so the file is reproducible byte for byte.
/// </summary>
public static class ExampleOnnxModel
{
    /// <summary>W, row-major [4, 3].</summary>
    public static readonly float[] Weights =
    [
        0.5f, -0.25f, -1.0f,
        1.5f, 0.0f, -1.25f,
        -2.0f, 0.5f, 1.75f,
        -1.0f, 0.25f, 2.0f,
    ];

    /// <summary>b, [3].</summary>
    public static readonly float[] Bias = [0.25f, 1.0f, -1.0f];

    /// <summary>Builds the ONNX bytes.</summary>
    public static byte[] Build() =>
        new OnnxGraphBuilder("example-linear")
            .Initializer("W", [4, 3], Weights)
            .Initializer("B", [3], Bias)
            .Node("MatMul", ["input", "W"], ["logits_raw"])
            .Node("Add", ["logits_raw", "B"], ["logits"])
            .Node("Softmax", ["logits"], ["probabilities"], ("axis", 1))
            .Node("ArgMax", ["logits"], ["label"], ("axis", 1), ("keepdims", 1))
            .Input("input", OnnxGraphBuilder.ElementFloat, null, 4)
            .Output("probabilities", OnnxGraphBuilder.ElementFloat, null, 3)
            .Output("label", OnnxGraphBuilder.ElementInt64, null, 1)
            .Build("liftwing models make-example");

    /// <summary>Writes the model file and returns its path.</summary>
    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "model.onnx");
        File.WriteAllBytes(path, Build());
        return path;
    }
}
