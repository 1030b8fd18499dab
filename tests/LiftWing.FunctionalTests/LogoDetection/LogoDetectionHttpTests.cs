using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.LogoDetection;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LogoHttpCollection
{
    public const string Name = "logo-detection-http";
}

[Collection(LogoHttpCollection.Name)]
public sealed class LogoDetectionHttpTests(LogoServerFixture fixture) : IClassFixture<LogoServerFixture>
{
    private const string Predict = "v1/models/logo-detection:predict";

    private static byte[] Sample(string name) => File.ReadAllBytes(TestPaths.SharedData("liftwing", "logo", name));

    private static JsonObject Instance(string filename, byte[] bytes) =>
        new() { ["filename"] = filename, ["image"] = Convert.ToBase64String(bytes), ["target"] = "logo" };

    private static JsonObject Body(params JsonObject[] instances) => new() { ["instances"] = new JsonArray(instances) };

    private Task<HttpResponseMessage> PostAsync(JsonNode body) =>
        fixture.Server.Client.PostAsync(Predict, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Predict_LiftWingSamples_LogoAboveHalfPhotosBelow()
    {
        string[] files = ["Blooming_bush_(14248894271).jpg", "Cambia_logo.png", "12_rue_de_Condé_-_detail.jpg"];
        var body = await HttpAssert.JsonAsync(await PostAsync(Body(files.Select(f => Instance(f, Sample(f))).ToArray())), HttpStatusCode.OK);
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        // Lift Wing's order: sorted by file name.
        Assert.Equal(["12_rue_de_Condé_-_detail.jpg", "Blooming_bush_(14248894271).jpg", "Cambia_logo.png"], predictions.Select(p => p.GetProperty("filename").GetString()));
        Assert.True(predictions[2].GetProperty("prediction").GetDouble() > 0.5, body.ToString());
        Assert.True(predictions[0].GetProperty("prediction").GetDouble() < 0.5, body.ToString());
        Assert.True(predictions[1].GetProperty("prediction").GetDouble() < 0.5, body.ToString());
        Assert.All(predictions, p => Assert.Equal("logo", p.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task Predict_Debug_LatencyObject()
    {
        var request = Body(Instance("Cambia_logo.png", Sample("Cambia_logo.png")));
        request["debug"] = true;
        var body = await HttpAssert.JsonAsync(await PostAsync(request), HttpStatusCode.OK);
        Assert.True(body.GetProperty("latency").GetProperty("total (s)").GetDouble() > 0);
    }

    [Fact]
    public async Task Predict_BadBase64_400()
    {
        var request = Body(new JsonObject { ["filename"] = "x.png", ["image"] = "%%% not base64 %%%", ["target"] = "logo" });
        await HttpAssert.ErrorAsync(await PostAsync(request), HttpStatusCode.BadRequest, "Error decoding image x.png: Invalid base64-encoded string.");
    }

    [Fact]
    public async Task Predict_TextFileNamedPng_400NamingFile()
    {
        await HttpAssert.ErrorAsync(await PostAsync(Body(Instance("readme.png", "# not an image\n"u8.ToArray()))), HttpStatusCode.BadRequest,
            "Error decoding image readme.png: not a JPEG, PNG, GIF, BMP or WebP image.");
    }

    [Fact]
    public async Task Predict_FiveMiBImage_400()
    {
        var big = new byte[5 * 1024 * 1024];
        Sample("Cambia_logo.png").CopyTo(big, 0);
        await HttpAssert.ErrorAsync(await PostAsync(Body(Instance("big.png", big))), HttpStatusCode.BadRequest,
            "Image: big.png                 exceeds the maximum allowed size of 4194304 bytes.");
    }

    [Fact]
    public async Task Predict_FiftyOneImages_400()
    {
        var one = Instance("Cambia_logo.png", Sample("Cambia_logo.png"));
        await HttpAssert.ErrorAsync(await PostAsync(Body(Enumerable.Range(0, 51).Select(_ => (JsonObject)one.DeepClone()).ToArray())), HttpStatusCode.BadRequest,
            "Input data should have less than                 50 images.");
    }

    [Fact]
    public async Task Predict_MissingInstances_LiftWingMessage()
    {
        await HttpAssert.ErrorAsync(await fixture.Server.Client.PostAsJsonAsync(Predict, new { debug = true }), HttpStatusCode.BadRequest,
            "Missing required key 'instances' in input data.");
    }

    [Fact]
    public async Task Predict_DecompressionBomb_Fast400MemoryFlat_ServerStillServes()
    {
        var request = Body(Instance("bomb.png", TestImages.DecompressionBombPng()));
        await HttpAssert.ErrorMessageAsync(await PostAsync(request), HttpStatusCode.BadRequest); // warm-up
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var rssBefore = Rss();
        for (var i = 0; i < 5; i++)
        {
            var message = await HttpAssert.ErrorMessageAsync(await PostAsync(request), HttpStatusCode.BadRequest);
            Assert.StartsWith("Error decoding image bomb.png: the image is 20000x20000 pixels", message);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var rssGrowth = Rss() - rssBefore;
        // Five requests of ~65 kB of base64 each, client and server in this process: a decode would be 1.6 GB.
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated} bytes for five bomb requests");
        Assert.True(rssGrowth < 64L * 1024 * 1024, $"resident memory grew {rssGrowth} bytes");
        var ok = await HttpAssert.JsonAsync(await PostAsync(Body(Instance("Cambia_logo.png", Sample("Cambia_logo.png")))), HttpStatusCode.OK);
        Assert.True(ok.GetProperty("predictions")[0].GetProperty("prediction").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Predict_UrlToLocalServer_RefusedByDefaultAllowList()
    {
        await using var local = new LocalHttpServer();
        local.MapBytes("/Cambia_logo.png", Sample("Cambia_logo.png"));
        var url = local.Url("/Cambia_logo.png");
        var request = Body(new JsonObject { ["filename"] = "Cambia_logo.png", ["url"] = url, ["target"] = "logo" });
        var message = await HttpAssert.ErrorMessageAsync(await PostAsync(request), HttpStatusCode.BadRequest);
        Assert.StartsWith($"Error downloading image from {url}: ", message);
        Assert.Equal(0, local.Requests);
    }

    private static long Rss()
    {
        using var p = System.Diagnostics.Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }
}
