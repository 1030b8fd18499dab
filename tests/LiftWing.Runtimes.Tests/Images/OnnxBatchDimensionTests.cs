using LiftWing.Runtimes.Images;
using LiftWing.Runtimes.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LiftWing.Runtimes.Tests.Images;

public sealed class OnnxBatchDimensionTests
{
    // y = x·w + b with the batch pinned to 1, as the CNTK export of ResNet18 has it; the weights are large enough
    // that the rewritten model's length is dominated by them, like the real one.
    private static (byte[] Model, float[] W) PinnedModel()
    {
        var w = new float[256 * 4];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = ((i % 7) - 3) * 0.125f;
        }

        var model = new OnnxGraphBuilder("pinned")
            .Initializer("w", [256, 4], w)
            .Initializer("b", [4], [0.5f, -0.5f, 1f, 0f])
            .Node("MatMul", ["x", "w"], ["xw"])
            .Node("Add", ["xw", "b"], ["y"])
            .Input("x", OnnxGraphBuilder.ElementFloat, 1, 256)
            .Output("y", OnnxGraphBuilder.ElementFloat, 1, 4)
            .Build();
        return (model, w);
    }

    [Fact]
    public void MakesTheBatchSymbolic_AndKeepsTheWeights()
    {
        var (pinned, w) = PinnedModel();
        var dynamic = OnnxBatchDimension.MakeBatchDynamic(pinned);

        using (var before = new InferenceSession(pinned))
        {
            Assert.Equal([1, 256], before.InputMetadata["x"].Dimensions);
        }

        using var so = new SessionOptions();
        new OnnxSessionOptions().ApplyMemorySettings(so);
        using var session = new InferenceSession(dynamic, so);
        Assert.Equal([-1, 256], session.InputMetadata["x"].Dimensions);
        Assert.Equal([-1, 4], session.OutputMetadata["y"].Dimensions);

        // Three rows in one run, each checked against the closed form (so the weights came through intact).
        var x = new float[3 * 256];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (i % 5) - 2;
        }

        using var xv = OrtValue.CreateTensorValueFromMemory(x, [3, 256]);
        using var results = session.Run(new RunOptions(), ["x"], [xv], ["y"]);
        var y = results[0].GetTensorDataAsSpan<float>().ToArray();
        float[] b = [0.5f, -0.5f, 1f, 0f];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                var expected = b[c];
                for (var k = 0; k < 256; k++)
                {
                    expected += x[(r * 256) + k] * w[(k * 4) + c];
                }

                Assert.Equal(expected, y[(r * 4) + c], 3);
            }
        }
    }

    [Fact]
    public void ResultIsExactlySized_WithNoTrailingBytes()
    {
        var (pinned, _) = PinnedModel();
        var dynamic = OnnxBatchDimension.MakeBatchDynamic(pinned);
        // "1" (a varint dim_value) becomes "N" (a dim_param) in the input and the output; nothing else
        // changes, so the length grows by a few bytes only, and a second rewrite is a fixed point.
        Assert.InRange(dynamic.Length, pinned.Length, pinned.Length + 64);
        Assert.Equal(dynamic, OnnxBatchDimension.MakeBatchDynamic(dynamic));
    }
}
