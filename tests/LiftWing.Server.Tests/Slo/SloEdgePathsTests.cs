using LiftWing.Server.Slo;

namespace LiftWing.Server.Tests.Slo;

public sealed class SloEdgePathsTests
{
    [Theory]
    [InlineData("/v1/models/langid:predict", "langid")]
    [InlineData("/service/lw/inference/v1/models/langid:predict", "langid")]
    [InlineData("/v2/models/langid/infer", "langid")]
    [InlineData("/v2/models/langid/versions/3/infer", "langid")]
    [InlineData("/v1/models/langid", "")]
    [InlineData("/v1/models/a/b:predict", "")]
    [InlineData("/v2/models/langid/ready", "")]
    [InlineData("/v2/models/langid/x/y/infer", "")]
    [InlineData("/v2/models/langid/versions//infer", "")]
    [InlineData("/metrics", "")]
    [InlineData("", "")]
    public void Model_FromInferencePathsOnly(string path, string expected) =>
        Assert.Equal(expected, SloEdgePaths.Model(path).ToString());
}
