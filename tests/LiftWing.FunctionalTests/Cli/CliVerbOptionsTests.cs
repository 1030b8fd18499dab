using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Cli;

/// <summary>Every verb checks its options record before doing any work: a bad option exits 2 and names the option.</summary>
public sealed class CliVerbOptionsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("--models-dir", "models", "list", "--models-dir", "/nonexistent/models")]
    [InlineData("--only", "models", "list", "--only", "../etc")]
    [InlineData("--models-dir", "models", "pull", "--models-dir", "/nonexistent/models")]
    [InlineData("--only", "models", "pull", "--only", "a b")]
    [InlineData("--only", "serve", "--grpc-port", "0", "--only", "x/y")]
    [InlineData("input", "predict", "example-linear", "/nonexistent/request.json")]
    [InlineData("--only", "predict", "../x", "-")]
    [InlineData("--concurrency", "precache", "--events", "-", "--only", "example-linear", "--cache", "memory", "--concurrency", "0")]
    [InlineData("--cache", "precache", "--events", "-", "--only", "example-linear", "--cache", "none")]
    [InlineData("--claim-idle", "stream", "--only", "example-linear", "--claim-idle", "0")]
    [InlineData("--duration", "loadtest", "http://127.0.0.1:9/", "--duration", "-1")]
    [InlineData("url", "loadtest", "ftp://example.org/")]
    [InlineData("--cache", "cache", "stats", "--cache", "memory")]
    [InlineData("--cache-path", "cache", "stats", "--cache-path", "/nonexistent/predictions.db")]
    [InlineData("--model", "cache", "purge", "--model", "../x")]
    [InlineData("--interval", "slo", "rules", "--interval", "0s")]
    [InlineData("--quarter-step", "slo", "rules", "--quarter-step", "soon")]
    [InlineData("--config", "slo", "grafana", "--config", "/nonexistent/slo.json")]
    [InlineData("--data", "train", "revertrisk", "--data", "/nonexistent/data.csv", "--out", "/nonexistent/out")]
    [InlineData("--crops-per-photo", "train", "logo", "--out", "/nonexistent/out", "--crops-per-photo", "0")]
    [InlineData("--models-dir", "train", "logo", "--out", "/nonexistent/out", "--models-dir", "/nonexistent/models")]
    [InlineData("--out", "models", "make-example", "--out", "LiftWing.sln")]
    public async Task BadOption_ExitsTwo_NamingTheOption(string option, params string[] args)
    {
        var (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, "", s_timeout, args);

        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Contains(option, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadTest_EveryBadOption_IsReportedAtOnce()
    {
        var (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, "", s_timeout,
            "loadtest", "not-a-url", "--concurrency", "0", "--requests", "0", "--header", "NoColon");

        Assert.Equal(2, code);
        Assert.Contains("'not-a-url' is not an http(s) URL", err, StringComparison.Ordinal);
        Assert.Contains("--concurrency must be between 1 and 1024", err, StringComparison.Ordinal);
        Assert.Contains("--requests must be positive", err, StringComparison.Ordinal);
        Assert.Contains("--header 'NoColon'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachePurge_EveryBadOption_IsReportedAtOnce_BeforeAnyStoreIsOpened()
    {
        // A path in a folder that exists: opening the store first would create the database there.
        var db = Path.Combine(Path.GetTempPath(), $"liftwing-verbs-{Guid.NewGuid():N}.db");
        var (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, "", s_timeout,
            "cache", "purge", "--cache", "none", "--cache-path", db, "--model", "a b", "--cache-memory-mb", "0");

        Assert.Equal(2, code);
        Assert.Contains("--cache must be sqlite or redis", err, StringComparison.Ordinal);
        Assert.Contains($"--cache-path: file {db} does not exist", err, StringComparison.Ordinal);
        Assert.Contains("--model: 'a b' is not a model name", err, StringComparison.Ordinal);
        Assert.Contains("--cache-memory-mb must be positive", err, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }
}
