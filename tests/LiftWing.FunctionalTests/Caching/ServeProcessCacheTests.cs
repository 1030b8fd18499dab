using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>Two real <c>liftwing serve</c> processes sharing one real Redis: what one computes, the other serves.</summary>
public sealed class ServeProcessCacheTests
{
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
        // The store's time budgets (50 ms read, 250 ms write) keep a slow store off the request path; on a loaded test
        // machine they would turn this test's L2 round trip into a skip, so the configuration tree widens them here.
        var environment = new Dictionary<string, string>
        {
            ["LIFTWING__CACHE__STORETIMEOUT"] = "00:00:05",
            ["LIFTWING__CACHE__STOREWRITETIMEOUT"] = "00:00:05",
        };
        await using var serve = await ServeProcess.StartAsync("langid", environment, "--only", "langid", "--cache", "redis", "--redis", redisEndpoint);
        using var response = await serve.Client.PostAsync("v1/models/langid:predict", new StringContent(body, Encoding.UTF8, "application/json"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes) + serve.Output);
        var cache = response.Headers.TryGetValues("X-Cache", out var c) ? c.Single() : "none";
        var tier = response.Headers.TryGetValues("X-Cache-Tier", out var t) ? " " + t.Single() : "";
        return (cache + tier, bytes);
    }
}
