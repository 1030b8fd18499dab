using System.Security.Cryptography;
using System.Text;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Artifacts;

/// <summary><c>shared:</c> artifacts (read from the reference-data folder into the cache) and <c>fallback</c> files.</summary>
public sealed class ArtifactStoreSharedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-shared-").FullName;

    private string ModelDir => Directory.CreateDirectory(Path.Combine(_dir, "checkout", "models", "m")).FullName;

    private ArtifactStore Store(string? shared, bool allowFetch = true) =>
        new(Options.Create(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_dir, "cache"), SharedDirectory = shared, AllowFetch = allowFetch }));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteShared(string root, string text)
    {
        var file = Path.Combine(root, "data", "t", "table.tsv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public async Task Shared_IsCopiedIntoTheCacheAndPinned()
    {
        var sha = WriteShared(Path.Combine(_dir, "ref"), "full table");
        var spec = new ArtifactSpec { Name = "t", Uri = "shared:t/table.tsv", Sha256 = sha };

        var path = await Store(Path.Combine(_dir, "ref")).EnsureAsync(spec, ModelDir, CancellationToken.None);

        Assert.Equal(Path.Combine(_dir, "cache", sha, "table.tsv"), path);
        Assert.Equal("full table", await File.ReadAllTextAsync(path));
        // Cached: found again without the shared folder and without fetching.
        Assert.Equal(path, Store(null, allowFetch: false).TryGetCached(spec, ModelDir));
    }

    [Fact]
    public async Task Shared_DefaultsToTheFolderBesideTheCheckout()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "checkout")).FullName, "LiftWing.sln"), "");
        var sha = WriteShared(Path.Combine(_dir, "shared"), "beside");

        var path = await Store(null).EnsureAsync(new ArtifactSpec { Name = "t", Uri = "shared:t/table.tsv", Sha256 = sha }, ModelDir, CancellationToken.None);

        Assert.Equal("beside", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Shared_Absent_UsesTheFallbackFile()
    {
        File.WriteAllText(Path.Combine(ModelDir, "excerpt.tsv"), "excerpt");
        var spec = new ArtifactSpec { Name = "t", Uri = "shared:t/table.tsv", Sha256 = new string('a', 64), Fallback = "file:excerpt.tsv" };

        var path = await Store(Path.Combine(_dir, "nowhere")).EnsureAsync(spec, ModelDir, CancellationToken.None);

        Assert.Equal(Path.Combine(ModelDir, "excerpt.tsv"), path);
        Assert.Equal(path, Store(null, allowFetch: false).TryGetCached(spec, ModelDir));
    }

    [Fact]
    public async Task Shared_WrongHash_UsesTheFallback_AndWithoutOneIsRefused()
    {
        WriteShared(Path.Combine(_dir, "ref"), "tampered");
        File.WriteAllText(Path.Combine(ModelDir, "excerpt.tsv"), "excerpt");
        var spec = new ArtifactSpec { Name = "t", Uri = "shared:t/table.tsv", Sha256 = new string('b', 64) };

        await Assert.ThrowsAsync<InvalidDataException>(() => Store(Path.Combine(_dir, "ref")).EnsureAsync(spec, ModelDir, CancellationToken.None));
        var path = await Store(Path.Combine(_dir, "ref")).EnsureAsync(spec with { Fallback = "file:excerpt.tsv" }, ModelDir, CancellationToken.None);
        Assert.Equal("excerpt", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("shared:../etc/passwd")]
    [InlineData("shared:/etc/passwd")]
    [InlineData("shared:")]
    public void Shared_PathOutsideTheFolder_IsRefused(string uri) => Assert.Throws<FormatException>(() => ArtifactUri.Parse(uri));

    [Fact]
    public void Fallback_MustBeAFileInTheModelFolder()
    {
        var yaml = Path.Combine(ModelDir, "model.yaml");
        File.WriteAllText(yaml, "name: m\nserver: s\nartifacts:\n  - name: t\n    uri: shared:t/table.tsv\n    fallback: https://example.org/x.tsv\n");

        var ex = Assert.Throws<InvalidDataException>(() => ModelConfigLoader.Load(yaml));

        Assert.Contains("fallback must be a file: uri", ex.Message, StringComparison.Ordinal);
    }
}
