using LiftWing.Training.Examples;
using LiftWing.Tests.Common;

namespace LiftWing.Training.Tests.Examples;

public sealed class ExampleOnnxModelTests
{
    [Fact]
    public void Build_ReproducesTheCommittedModelByteForByte()
    {
        var committed = File.ReadAllBytes(Path.Combine(TestPaths.Models, "example-linear", "model.onnx"));
        Assert.Equal(committed, ExampleOnnxModel.Build());
    }
}
