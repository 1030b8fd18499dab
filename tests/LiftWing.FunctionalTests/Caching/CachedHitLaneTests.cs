using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Caching;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Server.Http;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static LiftWing.FunctionalTests.Caching.CacheServers;

namespace LiftWing.FunctionalTests.Caching;

/// <summary>
/// The cached-hit lane answers an in-memory V1 hit ahead of routing. Whatever it answers must be what the full
/// pipeline would have answered, and whatever it does not answer must reach the full pipeline intact.
/// </summary>
public sealed class CachedHitLaneTests
{
    private const string Body = "{\"text\":\"Der schnelle braune Fuchs\"}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Records, per request, whether routing ran (an endpoint was selected): the lane answers without it.</summary>
    private sealed class RoutingProbe : IStartupFilter
    {
        public ConcurrentQueue<(string Path, bool Routed)> Seen { get; } = new();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                if (HttpMethods.IsPost(context.Request.Method))
                {
                    Seen.Enqueue((context.Request.Path.Value ?? "", context.GetEndpoint() is not null));
                }
            });
            next(app);
        };
    }

    private static Task<LiftWingTestServer> StartAsync(TempModels models, RoutingProbe probe, params (string Key, string Value)[] settings) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            foreach (var (k, v) in settings)
            {
                s.Settings[k] = v;
            }

            s.ConfigureServices = services =>
            {
                services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
                services.AddModelServer(BatchEchoModel.ServerType, static (c, _) => new BatchEchoModel(c));
                services.AddLiftWingPredictionCache(o => o.Store = CacheStoreKind.Memory);
                services.AddSingleton<IStartupFilter>(probe);
            };
        });

    // A body with no Content-Length (chunked): the lane leaves it to the full pipeline.
    private static HttpContent Chunked(string json)
    {
        var content = new ChunkedContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task LaneHit_IsTheFullPipelinesHit_ByteForByte_WithTheSameHeaders()
    {
        using var models = EchoModels();
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe);
        using var miss = await server.Client.PostAsync("v1/models/echo:predict", Json(Body));
        Assert.Equal("miss", Header(miss, "X-Cache"));

        using var laneRequest = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json(Body) };
        laneRequest.Headers.Add("X-Request-Id", "lane-1");
        using var lane = await server.Client.SendAsync(laneRequest);
        using var fullRequest = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Chunked(Body) };
        fullRequest.Headers.Add("X-Request-Id", "lane-1");
        using var full = await server.Client.SendAsync(fullRequest);

        Assert.Equal(HttpStatusCode.OK, lane.StatusCode);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(await full.Content.ReadAsByteArrayAsync(), await lane.Content.ReadAsByteArrayAsync());
        Assert.Equal(await miss.Content.ReadAsByteArrayAsync(), await lane.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(full), Headers(lane));
        Assert.Equal("hit", Header(lane, "X-Cache"));
        Assert.Equal("l1", Header(lane, "X-Cache-Tier"));
        Assert.Equal("lane-1", Header(lane, "x-request-id"));
        Assert.Equal(0 + 1, Echo(server).PredictCount);

        // The miss and the chunked hit were routed; the hit with a Content-Length was not.
        Assert.Equal([true, false, true], probe.Seen.Select(s => s.Routed).ToArray());
    }

    [Fact]
    public async Task LaneHit_UnderThePublicPrefix_AndAGeneratedRequestId()
    {
        using var models = EchoModels();
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe);
        (await server.Client.PostAsync("v1/models/echo:predict", Json(Body))).Dispose();
        using var hit = await server.Client.PostAsync("service/lw/inference/v1/models/echo:predict", Json(Body));
        Assert.Equal("hit", Header(hit, "X-Cache"));
        Assert.Matches("^[0-9a-f]{32}$", Header(hit, "x-request-id"));
        Assert.False(probe.Seen.Last().Routed);
    }

    [Fact]
    public async Task WhatTheLaneDoesNotAnswer_ReachesTheFullPipeline()
    {
        using var models = EchoModels();
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe);
        (await server.Client.PostAsync("v1/models/echo:predict", Json(Body))).Dispose();

        // A body sent in two parts: the lane sees it incomplete, examines it and leaves it; the endpoint reads it all.
        Assert.Contains("HTTP/1.1 200", await RawPostInTwoPartsAsync(server.BaseAddress, "/v1/models/echo:predict", Body), StringComparison.Ordinal);

        // gzip (decompression runs in the pipeline), a token, a CORS origin, no-cache, a refused body, an unknown model.
        using var gz = new ByteArrayContent(Gzip(Body));
        gz.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        gz.Headers.ContentEncoding.Add("gzip");
        using var gzipped = await server.Client.PostAsync("v1/models/echo:predict", gz);
        Assert.Equal("hit", Header(gzipped, "X-Cache"));

        using var withOrigin = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json(Body) };
        withOrigin.Headers.Add("Origin", "https://example.org");
        using var cors = await server.Client.SendAsync(withOrigin);
        Assert.Equal("hit", Header(cors, "X-Cache"));
        Assert.Equal("https://example.org", cors.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var noCache = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json(Body) };
        noCache.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var refreshed = await server.Client.SendAsync(noCache);
        Assert.Equal("miss", Header(refreshed, "X-Cache"));

        using var badJson = await server.Client.PostAsync("v1/models/echo:predict", Json("{\"text\":"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        using var loneSurrogate = await server.Client.PostAsync("v1/models/echo:predict", Json("{\"text\":\"\\ud800\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, loneSurrogate.StatusCode);
        using var notAnObject = await server.Client.PostAsync("v1/models/echo:predict", Json("[1]"));
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        using var unknown = await server.Client.PostAsync("v1/models/nope:predict", Json(Body));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Model with name nope does not exist.", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // The answered ones went through routing (for the errors the exception handler clears the endpoint it chose).
        Assert.All(probe.Seen.Skip(1).Take(4), s => Assert.True(s.Routed, s.Path));
    }

    [Fact]
    public async Task ARateLimitedRequest_IsCountedOnce_AndRefusedWhenOver()
    {
        using var models = EchoModels();
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe,
            ("LiftWing:Gateway:RateLimits:ExemptLoopback", "false"),
            ("LiftWing:Gateway:RateLimits:Classes:anon", "3/hour"));
        for (var i = 0; i < 3; i++)
        {
            using var ok = await server.Client.PostAsync("v1/models/echo:predict", Json(Body));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(i == 0 ? "miss" : "hit", Header(ok, "X-Cache"));
        }

        using var over = await server.Client.PostAsync("v1/models/echo:predict", Json(Body));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("no-cache", over.Headers.CacheControl?.ToString());

        // The hits were answered by the lane, which counted them; the miss (counted there too, not again by the
        // gateway, or the third request would have been refused) and the refusal went through the full pipeline.
        Assert.Equal([true, false, false, true], probe.Seen.Select(s => s.Routed).ToArray());
    }

    [Fact]
    public async Task LaneHits_AreInTheMetricsAndTheSlo()
    {
        using var models = TempModels.Create(("lanemetrics", TempModels.EchoYaml("lanemetrics")));
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe);
        for (var i = 0; i < 4; i++)
        {
            using var r = await server.Client.PostAsync("v1/models/lanemetrics:predict", Json(Body));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        Assert.Equal(3, probe.Seen.Count(s => !s.Routed));
        var text = await server.Client.GetStringAsync("metrics");
        Assert.Matches("(?m)^liftwing_cache_lookups_total\\{.*model_name=\"lanemetrics\".*result=\"hit\".*tier=\"l1\".*\\} 3", text);
        Assert.Matches("(?m)^liftwing_requests_total\\{.*model_name=\"lanemetrics\".*status_code=\"200\".*\\} 4", text);
        Assert.Matches("(?m)^liftwing_edge_request_seconds_count\\{.*model_name=\"lanemetrics\".*\\} 4", text);
        var slo = JsonDocument.Parse(await server.Client.GetStringAsync("slo")).RootElement;
        var model = slo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "lanemetrics");
        Assert.Equal(4, model.GetProperty("objectives")[0].GetProperty("windows").GetProperty("5m").GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task ARepeatedBody_IsKeyedOnce_AndOnlyTheSameBytesAndContentTypeShareItsKey()
    {
        using var models = EchoModels();
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe);
        var echo = Echo(server);
        using (var miss = await server.Client.PostAsync("v1/models/echo:predict", Json(Body)))
        {
            Assert.Equal("miss", Header(miss, "X-Cache"));
        }

        // The miss was keyed by the lane (which remembered the key) and again by the full pipeline.
        var keyed = echo.KeyCount;
        for (var i = 0; i < 3; i++)
        {
            using var hit = await server.Client.PostAsync("v1/models/echo:predict", Json(Body));
            Assert.Equal("hit", Header(hit, "X-Cache"));
        }

        Assert.Equal(keyed, echo.KeyCount);

        // Another content type with the same bytes is parsed, checked and keyed again: the same answer.
        using var otherType = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
        otherType.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"); // Json() adds a charset
        using (var hit = await server.Client.PostAsync("v1/models/echo:predict", otherType))
        {
            Assert.Equal("hit", Header(hit, "X-Cache"));
        }

        Assert.Equal(keyed + 1, echo.KeyCount);

        // A body remembered as valid does not vouch for one a byte away from it: the broken one is refused as before.
        using var broken = await server.Client.PostAsync("v1/models/echo:predict", Json(Body[..^1]));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(1, echo.PredictCount);
        Assert.All(probe.Seen.Skip(1).Take(4), s => Assert.False(s.Routed)); // the four hits were the lane's
    }

    [Fact]
    public async Task ARepeatedBatch_IsAnsweredFromItsRememberedItemKeys_ByteForByte()
    {
        using var models = EchoModels();
        var probe = new RoutingProbe();
        await using var server = await StartAsync(models, probe);
        var batch = server.Model<BatchEchoModel>("batch");
        const string Three = "{\"instances\":[{\"a\":1},{\"a\":2},{\"a\":3}]}";
        using var miss = await server.Client.PostAsync("v1/models/batch:predict", Json(Three));
        Assert.Equal("miss", Header(miss, "X-Cache"));
        using var first = await server.Client.PostAsync("v1/models/batch:predict", Json(Three));
        Assert.Equal("hit", Header(first, "X-Cache"));
        var keyed = batch.KeyCount;
        var expected = await first.Content.ReadAsByteArrayAsync();

        for (var i = 0; i < 3; i++)
        {
            using var hit = await server.Client.PostAsync("v1/models/batch:predict", Json(Three));
            Assert.Equal("hit", Header(hit, "X-Cache"));
            Assert.Equal("3/3", Header(hit, "X-Cache-Items"));
            Assert.Equal(expected, await hit.Content.ReadAsByteArrayAsync());
        }

        // The repeats were the lane's, and nothing was split or keyed again.
        Assert.Equal(keyed, batch.KeyCount);
        Assert.Equal(3, batch.ItemsComputed);
        Assert.All(probe.Seen.Skip(1), s => Assert.False(s.Routed));
    }

    [Fact]
    public void BodyKeyMemo_AnswersOnlyTheSameBytes_ForItsOwnModel()
    {
        var one = new EchoModel(new Core.Models.ModelConfig { Name = "one", Server = EchoModel.ServerType });
        var two = new EchoModel(new Core.Models.ModelConfig { Name = "one", Server = EchoModel.ServerType });
        var body = Encoding.UTF8.GetBytes(Body);
        var memo = BodyKeyMemo.For(one);
        Assert.Same(memo, BodyKeyMemo.For(one));
        Assert.Null(memo.Find(body, "application/json"));

        memo.Remember(body, "application/json", "k1");
        Assert.Equal("k1", memo.Find(body, "application/json")?.Key);
        Assert.Null(memo.Find(body, "text/json"));
        Assert.Null(memo.Find(body, null));
        Assert.Null(memo.Find(body.AsSpan(0, body.Length - 1), "application/json"));
        var flipped = (byte[])body.Clone();
        flipped[^2] ^= 1;
        Assert.Null(memo.Find(flipped, "application/json"));

        // A reloaded model is a new instance: nothing carries over.
        Assert.Null(BodyKeyMemo.For(two).Find(body, "application/json"));

        // Bodies past the limit are never remembered.
        var large = new byte[BodyKeyMemo.MaxBody + 1];
        memo.Remember(large, "application/json", "k2");
        Assert.Null(memo.Find(large, "application/json"));
    }

    [Theory]
    [InlineData("/v1/models/echo:predict", "echo")]
    [InlineData("/service/lw/inference/v1/models/all-MiniLM-L6-v2:predict", "all-MiniLM-L6-v2")]
    [InlineData("/v1/models/a:b:predict", "a:b")]
    [InlineData("/v1/models/:predict", null)]
    [InlineData("/v1/models/a/b:predict", null)]
    [InlineData("/v1/models/echo:explain", null)]
    [InlineData("/v1/models/echo:PREDICT", null)]
    [InlineData("/v2/models/echo/infer", null)]
    [InlineData(null, null)]
    public void ModelName_OnlyForTheV1PredictPath(string? path, string? expected)
    {
        Assert.Equal(expected, CachedHitLane.ModelName(path));
    }

    private static string[] Headers(HttpResponseMessage r) =>
        [.. r.Headers.Concat(r.Content.Headers).Where(h => h.Key != "Date").Select(h => h.Key.ToLowerInvariant() + ": " + string.Join(",", h.Value)).Order(StringComparer.Ordinal)];

    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(text));
        }

        return ms.ToArray();
    }

    private static async Task<string> RawPostInTwoPartsAsync(Uri server, string path, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port);
        await using var stream = new NetworkStream(socket);
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Host}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body[..5]).ToArray());
        await Task.Delay(300);
        await stream.WriteAsync(body.AsMemory(5));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
