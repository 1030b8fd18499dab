using System.Net;
using System.Text;
using LiftWing.Core.Caching;
using LiftWing.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LiftWing.FunctionalTests.Caching.CacheServers;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>The real langid model's batches are cached per item, and a joined answer equals the uncached one byte for byte.</summary>
public sealed class LangIdBatchCacheTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Batch_WithSomeItemsCached_ComputesOnlyTheOthers_AndAnswersTheSameBytes()
    {
        await using var server = await LiftWingTestServer.StartAsync(s =>
        {
            s.Only.Add("langid");
            s.ConfigureServices = services => services.AddLiftWingPredictionCache(o => o.Store = CacheStoreKind.Memory);
        });
        var c = server.Client;
        string[] texts = ["Der schnelle braune Fuchs", "Bonjour tout le monde", "Buenos días a todos", "Dzień dobry wszystkim"];
        string Batch(IEnumerable<string> t) => "{\"instances\":[" + string.Join(",", t.Select(x => "{\"text\":\"" + x + "\"}")) + "],\"k\":2}";

        // Warm two items as one-item batches.
        foreach (var t in texts.Take(2))
        {
            using var warm = await c.PostAsync("v1/models/langid:predict", Json(Batch([t])));
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using var mixed = await c.PostAsync("v1/models/langid:predict", Json(Batch(texts)));
        var mixedBytes = await mixed.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, mixed.StatusCode);
        Assert.Equal("2/4", Header(mixed, "X-Cache-Items"));

        using var fresh = new HttpRequestMessage(HttpMethod.Post, "v1/models/langid:predict") { Content = Json(Batch(texts)) };
        fresh.Headers.Add("Cache-Control", "no-cache");
        using var recomputed = await c.SendAsync(fresh);
        Assert.Equal(mixedBytes, await recomputed.Content.ReadAsByteArrayAsync());

        using var all = await c.PostAsync("v1/models/langid:predict", Json(Batch(texts)));
        Assert.Equal("hit", Header(all, "X-Cache"));
        Assert.Equal(mixedBytes, await all.Content.ReadAsByteArrayAsync());
        Assert.Contains("\"wikicode\":\"fr\"", Encoding.UTF8.GetString(mixedBytes), StringComparison.Ordinal);
    }
}
