using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>Two real <c>liftwing serve</c> processes sharing one real Redis: what one computes, the other serves.</summary>
public sealed class ServeProcessCacheTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task SecondServeProcess_ServesTheFirstOnesPrediction_FromRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        const string body = """{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}""";

        var (firstCache, firstBytes) = await PredictWithFreshServeAsync(redis.Endpoint, body);
        Assert.Equal("miss", firstCache);

        var (secondCache, secondBytes) = await PredictWithFreshServeAsync(redis.Endpoint, body);
        Assert.Equal("hit l2", secondCache);
        Assert.Equal(firstBytes, secondBytes);
        Assert.Contains("\"wikicode\":\"de\"", Encoding.UTF8.GetString(secondBytes), StringComparison.Ordinal);
    }

    /// <summary>Starts a serve process, sends one request, stops the process; returns X-Cache (+ tier) and the body.</summary>
    private static async Task<(string Cache, byte[] Body)> PredictWithFreshServeAsync(string redisEndpoint, string body)
    {
        var port = LiftWingTestServer.FreePort();
        // The store's time budgets (50 ms read, 250 ms write) keep a slow store off the request path; on a loaded test
        // machine they would turn this test's L2 round trip into a skip, so the configuration tree widens them here.
        var environment = new Dictionary<string, string>
        {
            ["LIFTWING__CACHE__STORETIMEOUT"] = "00:00:05",
            ["LIFTWING__CACHE__STOREWRITETIMEOUT"] = "00:00:05",
        };
        using var p = CliRunner.Start(TestPaths.RepoRoot, environment, "serve", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--only", "langid", "--cache", "redis", "--redis", redisEndpoint);
        var output = CliRunner.Capture(p);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitReadyAsync(client, p, output);
            using var response = await client.PostAsync("v1/models/langid:predict", new StringContent(body, Encoding.UTF8, "application/json"));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes) + output);
            var cache = response.Headers.TryGetValues("X-Cache", out var c) ? c.Single() : "none";
            var tier = response.Headers.TryGetValues("X-Cache-Tier", out var t) ? " " + t.Single() : "";
            return (cache + tier, bytes);
        }
        finally
        {
            p.Kill(true);
            await p.WaitForExitAsync();
        }
    }

    private static async Task WaitReadyAsync(HttpClient client, Process p, StringBuilder output)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            try
            {
                if ((await client.GetAsync("v2/models/langid/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("serve did not become ready: " + output);
    }
}
