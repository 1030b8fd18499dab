using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Artifacts;

public sealed class ArtifactStoreNuGetFileTests : IDisposable
{
    private const string PreprocessUri = "nuget:Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1#tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx";
    private const string PreprocessSha = "84bf8def78d0befaa3f6e73745d57d7016c6a192ead76f79686bd438c1047004";
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "liftwing-artifacts-" + Guid.NewGuid().ToString("N")[..12]);

    private ArtifactStore Store() => new(Options.Create(new ArtifactStoreOptions { CacheDirectory = _cache }));

    [Fact]
    public async Task EnsureAsync_NuGetFile_CopiedIntoCacheAndHashChecked()
    {
        var spec = new ArtifactSpec { Name = "preprocess", Uri = PreprocessUri, Sha256 = PreprocessSha };
        var path = await Store().EnsureAsync(spec, ".", CancellationToken.None);
        Assert.StartsWith(_cache, path);
        Assert.Equal(PreprocessSha, ArtifactStore.HashFile(path));
        Assert.Equal(path, Store().TryGetCached(spec, "."));
    }

    [Fact]
    public async Task EnsureAsync_NuGetWrongSha_Refused()
    {
        var spec = new ArtifactSpec { Name = "preprocess", Uri = PreprocessUri, Sha256 = new string('a', 64) };
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Store().EnsureAsync(spec, ".", CancellationToken.None));
        Assert.Contains(PreprocessSha, ex.Message);
    }

    [Fact]
    public async Task EnsureAsync_NuGetMissingPath_ClearError()
    {
        var spec = new ArtifactSpec { Name = "x", Uri = "nuget:Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1#tools/nope.onnx" };
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Store().EnsureAsync(spec, ".", CancellationToken.None));
        Assert.Contains("has no file tools/nope.onnx", ex.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }
}
