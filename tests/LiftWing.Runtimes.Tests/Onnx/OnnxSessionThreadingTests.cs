using LiftWing.Runtimes.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LiftWing.Runtimes.Tests.Onnx;

/// <summary>
/// The intra-op thread count and spinning threads (stopped when the last run returns) change who computes and how
/// threads wait, never what they compute: a multiply large enough to be split over two threads gives the same floats.
/// </summary>
public sealed class OnnxSessionThreadingTests : IDisposable
{
    private const int Width = 256;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"liftwing-spin-{Guid.NewGuid():N}.onnx");

    public OnnxSessionThreadingTests()
    {
        var w = new float[Width * Width];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = ((i * 7919) % 201 - 100) / 100f;
        }

        File.WriteAllBytes(_path, new OnnxGraphBuilder("m")
            .Initializer("w", [Width, Width], w)
            .Node("MatMul", ["x", "w"], ["y"])
            .Input("x", OnnxGraphBuilder.ElementFloat, null, Width)
            .Output("y", OnnxGraphBuilder.ElementFloat, null, Width)
            .Build());
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ZeroThreads_IsOnePerProcessor_SoOnnxRuntimePinsNothing()
    {
        Assert.Equal(Environment.ProcessorCount, OnnxSessionOptions.ResolveIntraOpThreads(0));
        Assert.Equal(3, OnnxSessionOptions.ResolveIntraOpThreads(3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(0)]
    public void ThreadCount_GivesTheSameFloats(int threads)
    {
        using var single = OnnxSession.Create(_path, new OnnxSessionOptions { IntraOpThreads = 1 });
        using var session = OnnxSession.Create(_path, new OnnxSessionOptions { IntraOpThreads = threads });
        Assert.Equal(Run(single, 64), Run(session, 64));
    }

    [Fact]
    public async Task Spinning_GivesTheSameFloats_AsSleepingThreads_FromConcurrentCallers()
    {
        using var sleeping = OnnxSession.Create(_path, new OnnxSessionOptions { IntraOpThreads = 2 });
        using var spinning = OnnxSession.Create(_path, new OnnxSessionOptions { IntraOpThreads = 2, AllowSpinning = true });
        var expected = Run(sleeping, 64);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Run(spinning, 64))));
        Assert.All(runs, y => Assert.Equal(expected, y));
        Assert.Equal(expected, Run(spinning, 64)); // spinning was stopped after the last run and starts again
    }

    private static float[] Run(OnnxSession session, int rows)
    {
        var x = new float[rows * Width];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (i % 13) - 6f;
        }

        using var xv = OrtValue.CreateTensorValueFromMemory(x, [rows, Width]);
        using var results = session.Run(["x"], [xv], ["y"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
