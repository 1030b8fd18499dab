using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using static LiftWing.FunctionalTests.Caching.CacheServers;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>The cache commands of the real <c>liftwing</c> CLI, run as separate processes against stores a server filled.</summary>
public sealed class CacheCliTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _db = Path.Combine(Path.GetTempPath(), "lw-cache-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    [Fact]
    public async Task CacheStatsAndPurge_SqliteFilledByAServer_CountsThenDeletes()
    {
        using var models = EchoModels();
        await using (var server = await StartAsync(models, Sqlite(_db)))
        {
            for (var i = 0; i < 3; i++)
            {
                (await server.Client.PostAsync("v1/models/echo:predict", new StringContent($"{{\"i\":{i}}}", Encoding.UTF8, "application/json"))).Dispose();
            }
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "cache", "stats", "--cache-path", _db);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"echo\s+1\s+3\s+\d+", stdout);
        (code, stdout, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "cache", "purge", "--cache-path", _db, "--model", "echo", "--version", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("purged 3 entries from sqlite", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "cache", "stats", "--cache-path", _db);
        Assert.Matches(@"total\s+0\s+0", stdout);
    }

    [Fact]
    public async Task CacheStats_Redis_CountsEntriesOfTwoReplicas()
    {
        await using var redis = await RedisServer.StartAsync();
        using var models = EchoModels();
        await using (var server = await StartAsync(models, RedisWithRoomForLoad(redis)))
        {
            (await server.Client.PostAsync("v1/models/echo:predict", new StringContent("{\"r\":1}", Encoding.UTF8, "application/json"))).Dispose();
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "cache", "stats", "--redis", redis.Endpoint);
        Assert.True(code == 0, stderr);
        Assert.Contains("store: redis", stdout, StringComparison.Ordinal);
        Assert.Matches(@"echo\s+1\s+1\s+\d+", stdout);
    }

    [Fact]
    public async Task Precache_ModelWithoutCacheKey_SkipsEveryEvent_AndPrintsASummary()
    {
        var events = Path.GetTempFileName();
        await File.WriteAllTextAsync(events, PredictionCacheTests.PageChangeFile(5) + "not json\n");
        try
        {
            var (code, stdout, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout,
                "precache", "--events", events, "--only", "example-linear", "--cache", "sqlite", "--cache-path", _db, "--concurrency", "2");
            Assert.True(code == 0, stderr);
            Assert.Contains("6 events: 0 done, 6 skipped, 0 failed", stdout, StringComparison.Ordinal);
            (code, _, stderr) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "precache", "--events", "/nonexistent", "--only", "example-linear", "--cache-path", _db);
            Assert.Equal(2, code);
            Assert.Contains("no such file", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(events);
        }
    }

    [Fact]
    public async Task Serve_WithRedisCacheDown_StartsAndServes()
    {
        var port = LiftWingTestServer.FreePort();
        var deadRedis = $"127.0.0.1:{LiftWingTestServer.FreePort()}";
        using var p = CliRunner.Start(TestPaths.RepoRoot, "serve", "--grpc-port", "0", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--only", "example-linear", "--cache", "redis", "--redis", deadRedis);
        var output = CliRunner.Capture(p);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            HttpStatusCode status = 0;
            var deadline = DateTime.UtcNow + s_timeout;
            while (DateTime.UtcNow < deadline && !p.HasExited && status != HttpStatusCode.OK)
            {
                try
                {
                    status = (await client.GetAsync("v2/health/ready")).StatusCode;
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            Assert.True(status == HttpStatusCode.OK, "not ready: " + output);
            using var r = await client.PostAsJsonAsync("v2/models/example-linear/infer", new { inputs = new[] { new { name = "input", shape = new[] { 1, 4 }, datatype = "FP32", data = new[] { 1f, 2f, 3f, 4f } } } });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("bypass", r.Headers.TryGetValues("X-Cache", out var v) ? v.Single() : "");
        }
        finally
        {
            p.Kill(true);
        }
    }
}
