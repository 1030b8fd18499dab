using LiftWing.Runtimes.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LiftWing.Runtimes.Tests.Onnx;

public sealed class OnnxSessionMemoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"liftwing-mem-{Guid.NewGuid():N}.onnx");

    public OnnxSessionMemoryTests()
    {
        // y = x·w + b over rows of 3.
        File.WriteAllBytes(_path, new OnnxGraphBuilder("m")
            .Initializer("w", [3, 2], [1f, 0f, 0f, 1f, 1f, 1f])
            .Initializer("b", [2], [0.5f, -0.5f])
            .Node("MatMul", ["x", "w"], ["xw"])
            .Node("Add", ["xw", "b"], ["y"])
            .Input("x", OnnxGraphBuilder.ElementFloat, null, 3)
            .Output("y", OnnxGraphBuilder.ElementFloat, null, 2)
            .Build());
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Defaults_KeepWeightsOutOfTheArena_AndShrinkAfterLargeRuns()
    {
        var o = new OnnxSessionOptions();
        Assert.True(o.InitializersOutsideArena);
        Assert.Equal(16_384, o.ShrinkArenaFromElements);
    }

    [Theory]
    [InlineData(true, 1)]          // small run: the shared RunOptions
    [InlineData(true, 20_000)]     // 60,000 elements: the arena is shrunk after the run
    [InlineData(false, 20_000)]    // no arena: the shrink is not asked for
    public void Runs_GiveTheSameAnswers_WhateverTheMemorySettings(bool arena, int rows)
    {
        using var session = OnnxSession.Create(_path, new OnnxSessionOptions { CpuMemArena = arena, MemoryPattern = arena });
        var x = new float[rows * 3];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i % 11;
        }

        for (var pass = 0; pass < 2; pass++) // the second run reuses (or re-grows) the arena
        {
            using var xv = OrtValue.CreateTensorValueFromMemory(x, [rows, 3]);
            using var cts = new CancellationTokenSource();
            using var results = pass == 0
                ? session.Run(["x"], [xv], ["y"])
                : session.Run(["x"], [xv], ["y"], cts.Token);
            var y = results[0].GetTensorDataAsSpan<float>();
            for (var r = 0; r < rows; r += Math.Max(1, rows / 97))
            {
                Assert.Equal(x[r * 3] + x[(r * 3) + 2] + 0.5f, y[r * 2]);
                Assert.Equal(x[(r * 3) + 1] + x[(r * 3) + 2] - 0.5f, y[(r * 2) + 1]);
            }
        }
    }
}
