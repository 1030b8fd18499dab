using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiftWing.Core.Caching;
using LiftWing.Core.Caching.Precache;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using static LiftWing.FunctionalTests.Caching.CacheServers;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>
/// The prediction cache over real HTTP with a real redis-server. Each LiftWing server here is a separate
/// host (own DI container, own L1, own Redis connection) — a replica; only the store is shared.
/// </summary>
public sealed class PredictionCacheTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), "lw-cache-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" })
        {
            File.Delete(f);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Predict_TwoReplicasSharingRedis_SecondIsL2Hit_ByteForByte()
    {
        await using var redis = await RedisServer.StartAsync();
        using var models = EchoModels();
        await using var a = await StartAsync(models, RedisWithRoomForLoad(redis));
        await using var b = await StartAsync(models, RedisWithRoomForLoad(redis));
        var body = "{\"text\":\"Ça va? 漢字\"}";
        using var r1 = await a.Client.PostAsync("v1/models/echo:predict", Json(body));
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        Assert.Equal("miss", Header(r1, "X-Cache"));
        using var r2 = await b.Client.PostAsync("v1/models/echo:predict", Json(body));
        Assert.Equal("hit", Header(r2, "X-Cache"));
        Assert.Equal("l2", Header(r2, "X-Cache-Tier"));
        Assert.Equal(await r1.Content.ReadAsByteArrayAsync(), await r2.Content.ReadAsByteArrayAsync());
        using var r3 = await b.Client.PostAsync("v1/models/echo:predict", Json(body));
        Assert.Equal("l1", Header(r3, "X-Cache-Tier"));
        Assert.Equal(0, Echo(b).PredictCount);
        using var fresh = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json(body) };
        fresh.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var r4 = await b.Client.SendAsync(fresh);
        Assert.Equal("miss", Header(r4, "X-Cache"));
        Assert.Equal(1, Echo(b).PredictCount);
    }

    [Fact]
    public async Task Predict_VersionBump_Misses()
    {
        await using var redis = await RedisServer.StartAsync();
        using var v1 = EchoModels("1");
        using var v2 = EchoModels("2");
        await using (var a = await StartAsync(v1, Redis(redis)))
        {
            (await a.Client.PostAsync("v1/models/echo:predict", Json("{\"x\":1}"))).Dispose();
        }

        await using var b = await StartAsync(v2, Redis(redis));
        using var r = await b.Client.PostAsync("v1/models/echo:predict", Json("{\"x\":1}"));
        Assert.Equal("miss", Header(r, "X-Cache"));
        Assert.Equal(1, Echo(b).PredictCount);
    }

    [Fact]
    public async Task Predict_SqliteStore_SurvivesRestart()
    {
        using var models = EchoModels();
        byte[] first;
        await using (var a = await StartAsync(models, Sqlite(_db)))
        {
            using var r = await a.Client.PostAsync("v1/models/echo:predict", Json("{\"x\":2}"));
            Assert.Equal("miss", Header(r, "X-Cache"));
            first = await r.Content.ReadAsByteArrayAsync();
        }

        await using var b = await StartAsync(models, Sqlite(_db));
        using var again = await b.Client.PostAsync("v1/models/echo:predict", Json("{\"x\":2}"));
        Assert.Equal("hit", Header(again, "X-Cache"));
        Assert.Equal("l2", Header(again, "X-Cache-Tier"));
        Assert.Equal(first, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Predict_RedisKilled_ServesUncachedWithout5xx_ThenRecovers()
    {
        await using var redis = await RedisServer.StartAsync();
        using var models = EchoModels();
        await using var a = await StartAsync(models, Redis(redis));
        (await a.Client.PostAsync("v1/models/echo:predict", Json("{\"before\":1}"))).Dispose();
        await redis.KillAsync();
        for (var i = 0; i < 20; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            using var r = await a.Client.PostAsync("v1/models/echo:predict", Json($"{{\"down\":{i}}}"));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("miss", Header(r, "X-Cache"));
            Assert.True(sw.ElapsedMilliseconds < 10_000, $"request {i} took {sw.ElapsedMilliseconds} ms with Redis down"); // not queued behind the reconnect (unbounded); loose for a busy machine
        }

        await redis.RestartAsync();
        // The store comes back by itself: keep asking new keys until one is written to Redis and read by a fresh replica.
        await using var b = await StartAsync(models, Redis(redis));
        var recovered = false;
        for (var i = 0; i < 100 && !recovered; i++)
        {
            (await a.Client.PostAsync("v1/models/echo:predict", Json($"{{\"after\":{i}}}"))).Dispose();
            using var r = await b.Client.PostAsync("v1/models/echo:predict", Json($"{{\"after\":{i}}}"));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            recovered = Header(r, "X-Cache") == "hit";
            await Task.Delay(100);
        }

        Assert.True(recovered, "the Redis tier did not recover after redis-server came back");
    }

    [Fact]
    public async Task Predict_Batch_LooksUpPerItem()
    {
        using var models = EchoModels();
        await using var a = await StartAsync(models, Sqlite(_db));
        string Batch(int n) => "{\"instances\":[" + string.Join(",", Enumerable.Range(0, n).Select(i => $"{{\"id\":{i}}}")) + "]}";
        (await a.Client.PostAsync("v1/models/batch:predict", Json(Batch(15)))).Dispose();
        using var r = await a.Client.PostAsync("v1/models/batch:predict", Json(Batch(20)));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("15/20", Header(r, "X-Cache-Items"));
        var batch = a.Model<BatchEchoModel>("batch");
        Assert.Equal(20, batch.ItemsComputed);
        using var all = await a.Client.PostAsync("v1/models/batch:predict", Json(Batch(20)));
        Assert.Equal("hit", Header(all, "X-Cache"));
        Assert.Equal(await r.Content.ReadAsByteArrayAsync(), await all.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Precache_PageChangeFile_TwoWorkersSharingRedis_EachKeyOnce_ThenRequestsHit()
    {
        await using var redis = await RedisServer.StartAsync();
        using var models = EchoModels();
        var events = PageChangeFile(40);
        await using var w1 = await StartAsync(models, RedisWithRoomForLoad(redis));
        await using var w2 = await StartAsync(models, RedisWithRoomForLoad(redis));
        var runs = await Task.WhenAll(new[] { w1, w2 }.Select(w => Task.Run(async () =>
        {
            var precacher = new Precacher(w.Services.GetRequiredService<InferenceService>(), w.Services.GetRequiredService<PredictionCache>());
            var model = w.Services.GetRequiredService<ModelRepository>().GetReady("echo");
            return await precacher.RunAsync(EventStreamReader.ReadAsync(new StringReader(events), default), [model], 4, eventMode: false, null, null, default);
        })));
        Assert.Equal(40, runs.Sum(r => r.Done));
        Assert.Equal(40, Echo(w1).PredictCount + Echo(w2).PredictCount);
        Assert.Equal(0, runs.Sum(r => r.Failed));
        Assert.Equal(40, runs.Sum(r => r.Skipped)); // each event: done by one worker, skipped (cached or claimed) by the other
        await using var reader = await StartAsync(models, RedisWithRoomForLoad(redis));
        using var shared = await reader.Client.PostAsync("v1/models/echo:predict", Json("{\"rev_id\":1319367938,\"lang\":\"en\"}"));
        Assert.Equal("hit", Header(shared, "X-Cache"));
        Assert.Equal("l2", Header(shared, "X-Cache-Tier"));
        Assert.Equal(0, Echo(reader).PredictCount);
    }

    [Fact]
    public async Task Predict_ConcurrentCachedHits_AllOkAndIdentical()
    {
        using var models = EchoModels();
        await using var a = await StartAsync(models, o => o.Store = CacheStoreKind.Memory);
        var body = "{\"rev_id\":1,\"lang\":\"en\"}";
        var expected = await (await a.Client.PostAsync("v1/models/echo:predict", Json(body))).Content.ReadAsStringAsync();
        var bad = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                using var r = await a.Client.PostAsync("v1/models/echo:predict", Json(body));
                var text = await r.Content.ReadAsStringAsync();
                if (r.StatusCode != HttpStatusCode.OK || text != expected)
                {
                    bad.Add($"{(int)r.StatusCode} {text}");
                }
            }
        })));
        Assert.True(bad.IsEmpty, string.Join("\n", bad.Take(5)));
        Assert.Equal(1, Echo(a).PredictCount);
    }

    /// <summary>The shared enwiki page_change payload plus variations with other revisions, as JSON lines.</summary>
    internal static string PageChangeFile(int count)
    {
        var payload = File.ReadAllText(TestPaths.SharedData("liftwing", "events", "enwiki_page_change_payload.json"));
        var ev = System.Text.Json.Nodes.JsonNode.Parse(payload)!["event"]!;
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var e = ev.DeepClone();
            e["revision"]!["rev_id"] = 1319367938L + i;
            lines.AppendLine(e.ToJsonString());
        }

        return lines.ToString();
    }
}
