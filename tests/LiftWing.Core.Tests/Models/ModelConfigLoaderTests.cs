using LiftWing.Core.Models;
using LiftWing.Tests.Common;

namespace LiftWing.Core.Tests.Models;

public sealed class ModelConfigLoaderTests
{
    private sealed class SampleOptions
    {
        public int MaxTextLength { get; set; } = 7;

        public string Source { get; set; } = "live";

        public List<string> Hosts { get; set; } = [];
    }

    [Fact]
    public void Load_FullDefinition_BindsEverything()
    {
        using var t = TempModels.Create(("m", """
            name: m
            server: langid
            version: 2
            artifacts:
              - name: model
                uri: npm:fasttext.wasm.js@1.0.0#dist/a.ftz
                sha256: ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789
                license: CC-BY-SA-3.0
            cache: { enabled: false, ttl: 12h }
            batching: { enabled: true, max_batch_size: 8, max_latency_ms: 2.5 }
            options:
              max_text_length: 100
              hosts: [a.org, b.org]
            """));
        var c = ModelConfigLoader.Load(Path.Combine(t.Directory, "m", "model.yaml"));
        Assert.Equal("m", c.Name);
        Assert.Equal("2", c.Version);
        Assert.Equal("model", c.Artifacts[0].Name);
        Assert.Equal("CC-BY-SA-3.0", c.Artifacts[0].License);
        Assert.False(c.Cache.Enabled);
        Assert.Equal(TimeSpan.FromHours(12), c.Cache.TtlSpan);
        Assert.True(c.Batching.Enabled);
        Assert.Equal(8, c.Batching.MaxBatchSize);
        Assert.Equal(2.5, c.Batching.MaxLatencyMs);
        var o = c.GetOptions<SampleOptions>();
        Assert.Equal(100, o.MaxTextLength);
        Assert.Equal("live", o.Source);
        Assert.Equal(["a.org", "b.org"], o.Hosts);
        Assert.Equal(Path.Combine(t.Directory, "m", "x.tsv"), c.ResolvePath("x.tsv"));
    }

    [Theory]
    [InlineData("server: x\n", "name")]
    [InlineData("name: a b\nserver: x\n", "name 'a b'")]
    [InlineData("name: a\n", "server")]
    [InlineData("name: a\nserver: x\ncache: { ttl: forever }\n", "cache.ttl")]
    [InlineData("name: a\nserver: x\nbatching: { max_batch_size: 0 }\n", "batching.max_batch_size")]
    [InlineData("name: a\nserver: x\nartifacts:\n  - name: m\n    uri: file:a\n  - name: m\n    uri: file:b\n", "unique")]
    [InlineData("name: [a\n", "model.yaml")]
    [InlineData("- a\n- b\n", "mapping")]
    public void Load_Invalid_ThrowsNamingFileAndProblem(string yaml, string expected)
    {
        using var t = TempModels.Create(("bad", yaml));
        var ex = Assert.Throws<InvalidDataException>(() => ModelConfigLoader.Load(Path.Combine(t.Directory, "bad", "model.yaml")));
        Assert.Contains("model.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_FindsFoldersWithModelYamlSorted()
    {
        using var t = TempModels.Create(("b", TempModels.EchoYaml("b")), ("a", TempModels.EchoYaml("a")));
        Directory.CreateDirectory(Path.Combine(t.Directory, "empty"));
        Assert.Equal(["a", "b"], ModelConfigLoader.Discover(t.Directory).Select(p => Path.GetFileName(Path.GetDirectoryName(p))));
        Assert.Empty(ModelConfigLoader.Discover(Path.Combine(t.Directory, "missing")));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("12h", 43200)]
    [InlineData("30d", 2592000)]
    [InlineData("42", 42)]
    public void DurationParser_Parses(string text, double seconds) => Assert.Equal(seconds, DurationParser.Parse(text).TotalSeconds, 6);

    [Theory]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("1w")]
    public void DurationParser_Rejects(string text) => Assert.Throws<FormatException>(() => DurationParser.Parse(text));
}
