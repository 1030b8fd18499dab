using LiftWing.Runtimes.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LiftWing.Runtimes.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void Build_GivesAModelOnnxRuntimeLoadsAndComputes()
    {
        // y = sigmoid(x·w + b), checked against the closed form.
        float[] w = [0.5f, -1f, 2f];
        var bytes = new OnnxGraphBuilder("t")
            .Initializer("w", [3, 1], w)
            .Initializer("b", [1], [0.25f])
            .Node("MatMul", ["x", "w"], ["xw"])
            .Node("Add", ["xw", "b"], ["z"])
            .Node("Sigmoid", ["z"], ["y"])
            .Input("x", OnnxGraphBuilder.ElementFloat, null, 3)
            .Output("y", OnnxGraphBuilder.ElementFloat, null, 1)
            .Build();
        using var session = new InferenceSession(bytes);
        Assert.Equal([-1, 3], session.InputMetadata["x"].Dimensions);
        float[] x = [1f, 2f, 3f, -1f, 0f, 0.5f];
        using var xv = OrtValue.CreateTensorValueFromMemory(x, [2, 3]);
        using var results = session.Run(new RunOptions(), ["x"], [xv], ["y"]);
        var y = results[0].GetTensorDataAsSpan<float>().ToArray();
        for (var r = 0; r < 2; r++)
        {
            var z = 0.25 + (x[r * 3] * w[0]) + (x[(r * 3) + 1] * w[1]) + (x[(r * 3) + 2] * w[2]);
            Assert.Equal(1 / (1 + Math.Exp(-z)), y[r], 5);
        }
    }
}
