using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Errors;
using LiftWing.Core.Models;
using LiftWing.Tests.Common;
using static LiftWing.Models.Tests.LogoDetection.LogoRequests;

namespace LiftWing.Models.Tests.LogoDetection;

[Collection(MemoryMeasuredCollection.Name)]
public sealed class LogoDetectionModelTests(LogoModelFixture fixture) : IClassFixture<LogoModelFixture>
{
    [Fact]
    public async Task Predict_LiftWingSamples_LogoAboveHalfPhotosBelow()
    {
        var body = Body(SampleFiles.Select(f => Instance(f, Sample(f))).ToArray());
        var result = await RunAsync(fixture.Model, Request(body));
        var predictions = result.GetProperty("predictions").EnumerateArray().ToDictionary(p => p.GetProperty("filename").GetString()!);
        Assert.Equal(3, predictions.Count);
        Assert.True(predictions[SampleFiles[0]].GetProperty("prediction").GetDouble() > 0.5, result.ToString());
        Assert.True(predictions[SampleFiles[1]].GetProperty("prediction").GetDouble() < 0.5, result.ToString());
        Assert.True(predictions[SampleFiles[2]].GetProperty("prediction").GetDouble() < 0.5, result.ToString());
    }

    [Fact]
    public async Task Predict_ShuffledInput_AnswersSortedByFilenameInLiftWingShape()
    {
        string[] order = [SampleFiles[2], SampleFiles[0], SampleFiles[1]];
        var result = await RunAsync(fixture.Model, Request(Body(order.Select(f => Instance(f, Sample(f))).ToArray())));
        Assert.Equal(["predictions"], result.EnumerateObject().Select(p => p.Name));
        var predictions = result.GetProperty("predictions").EnumerateArray().ToList();
        // Lift Wing reads the images back from a folder, sorted by file name ('1' < 'B' < 'C').
        Assert.Equal(["12_rue_de_Condé_-_detail.jpg", "Blooming_bush_(14248894271).jpg", "Cambia_logo.png"], predictions.Select(p => p.GetProperty("filename").GetString()));
        foreach (var p in predictions)
        {
            Assert.Equal(["filename", "target", "prediction", "out_of_domain"], p.EnumerateObject().Select(x => x.Name));
            Assert.Equal("logo", p.GetProperty("target").GetString());
            foreach (var key in new[] { "prediction", "out_of_domain" })
            {
                var v = p.GetProperty(key).GetDouble();
                Assert.InRange(v, 0, 1);
                Assert.Equal(Math.Round(v, 4), v);
            }
        }
    }

    [Fact]
    public async Task Predict_BatchOfThree_MatchesOneByOne()
    {
        var batch = await RunAsync(fixture.Model, Request(Body(SampleFiles.Select(f => Instance(f, Sample(f))).ToArray())));
        var batched = batch.GetProperty("predictions").EnumerateArray().ToDictionary(p => p.GetProperty("filename").GetString()!, p => p.GetProperty("prediction").GetDouble());
        for (var i = 0; i < SampleFiles.Length; i++)
        {
            var single = await RunAsync(fixture.Model, Request(Body(Instance(SampleFiles[i], Sample(SampleFiles[i])))));
            Assert.Equal(batched[SampleFiles[i]], single.GetProperty("predictions")[0].GetProperty("prediction").GetDouble(), 3);
        }
    }

    [Fact]
    public async Task Predict_Debug_AddsLatency()
    {
        var body = Body(Instance("Cambia_logo.png", Sample("Cambia_logo.png")));
        body["debug"] = true;
        var result = await RunAsync(fixture.Model, Request(body));
        var latency = result.GetProperty("latency");
        Assert.Equal(["preprocess (s)", "predict (s)", "total (s)"], latency.EnumerateObject().Select(p => p.Name));
        Assert.True(latency.GetProperty("total (s)").GetDouble() > 0);
    }

    [Theory]
    [InlineData("""{"debug": false}""", "Missing required key 'instances' in input data.")]
    [InlineData("""{"instances": [], "debug": "yes"}""", "The 'debug' key should be a boolean.")]
    [InlineData("""{"instances": [{"filename": "a.png", "target": "logo"}]}""", "Input data has invalid key(s).                     Ensure each item contains: filename, image, and target.")]
    [InlineData("""{"instances": [{"image": "AAAA", "target": "logo"}]}""", "Input data has invalid key(s).                     Ensure each item contains: filename, image, and target.")]
    [InlineData("""{"instances": ["x"]}""", "Input data has invalid key(s).                     Ensure each item contains: filename, image, and target.")]
    [InlineData("""{"instances": [{"filename": "a.png", "image": 5, "target": "logo"}]}""", "Value for key 'image' should be a string.")]
    [InlineData("""{"instances": [{"filename": 1, "image": "AAAA", "target": "logo"}]}""", "Value for key 'filename' should be a string.")]
    [InlineData("""{"instances": [{"filename": "a.png", "image": "AAAA", "target": null}]}""", "Value for key 'target' should be a string.")]
    [InlineData("""{"instances": {"filename": "a.png"}}""", "The 'instances' key should be a list.")]
    [InlineData("""{"instances": []}""", "Input data should contain at least one image.")]
    [InlineData("""[1, 2]""", "Please verify that request input is a json dict")]
    [InlineData("""{"instances": [{"filename": "a.png", "image": "!!!not base64!!!", "target": "logo"}]}""", "Error decoding image a.png: Invalid base64-encoded string.")]
    [InlineData("""{"instances": [{"filename": "a.png", "image": "", "target": "logo"}]}""", "Error decoding image a.png: the image is empty.")]
    public async Task Preprocess_InvalidRequest_LiftWingMessageAs400(string json, string message)
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await ((IModel)fixture.Model).PreprocessAsync(Request(json), CancellationToken.None));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task Preprocess_TextFileNamedPng_400NamingTheFile()
    {
        var text = "just some notes, not an image\n"u8.ToArray();
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () =>
            await ((IModel)fixture.Model).PreprocessAsync(Request(Body(Instance("Cambia_logo.png", Sample("Cambia_logo.png")), Instance("notes.png", text))), CancellationToken.None));
        Assert.Equal("Error decoding image notes.png: not a JPEG, PNG, GIF, BMP or WebP image.", ex.Message);
    }

    [Fact]
    public async Task Preprocess_TruncatedPng_400NamingTheFile()
    {
        var png = Sample("Cambia_logo.png");
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () =>
            await ((IModel)fixture.Model).PreprocessAsync(Request(Body(Instance("cut.png", png[..(png.Length / 3)]))), CancellationToken.None));
        Assert.StartsWith("Error decoding image cut.png: ", ex.Message);
    }

    [Fact]
    public async Task Preprocess_FiveMiBImage_Fast400WithoutAllocatingIt()
    {
        // A real PNG header followed by 5 MiB: over the limit whatever its content.
        var big = new byte[5 * 1024 * 1024];
        Sample("Cambia_logo.png").CopyTo(big, 0);
        var request = Request(Body(Instance("big.png", big)));
        var (ex, allocated) = await MeasureAsync(() => ((IModel)fixture.Model).PreprocessAsync(request, CancellationToken.None).AsTask());
        Assert.Equal("Image: big.png                 exceeds the maximum allowed size of 4194304 bytes.", ex.Message);
        Assert.True(allocated < 512 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Preprocess_FiftyOneImages_Fast400BeforeDecoding()
    {
        var one = Instance("Cambia_logo.png", Sample("Cambia_logo.png"));
        var request = Request(Body(Enumerable.Range(0, 51).Select(_ => (JsonObject)one.DeepClone()).ToArray()));
        var (ex, allocated) = await MeasureAsync(() => ((IModel)fixture.Model).PreprocessAsync(request, CancellationToken.None).AsTask());
        Assert.Equal("Input data should have less than                 50 images.", ex.Message);
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Preprocess_DecompressionBomb_Fast400AndMemoryFlat()
    {
        var bomb = TestImages.DecompressionBombPng(20_000, 20_000);
        Assert.True(bomb.Length < 64 * 1024, $"bomb is {bomb.Length} bytes");
        var request = Request(Body(Instance("bomb.png", bomb)));
        var rssBefore = CurrentRss();
        var (ex, allocated) = await MeasureAsync(() => ((IModel)fixture.Model).PreprocessAsync(request, CancellationToken.None).AsTask());
        var rssGrowth = CurrentRss() - rssBefore;
        Assert.Equal("Error decoding image bomb.png: the image is 20000x20000 pixels; the limits are 30000 per side and 25000000 in all.", ex.Message);
        Assert.True(allocated < 1024 * 1024, $"managed allocations {allocated} bytes");
        Assert.True(rssGrowth < 64L * 1024 * 1024, $"resident memory grew {rssGrowth} bytes");
    }

    [Fact]
    public async Task Preprocess_BombAmongGoodImages_NothingDecoded()
    {
        var request = Request(Body(Instance("Cambia_logo.png", Sample("Cambia_logo.png")), Instance("bomb.png", TestImages.DecompressionBombPng())));
        var (ex, allocated) = await MeasureAsync(() => ((IModel)fixture.Model).PreprocessAsync(request, CancellationToken.None).AsTask());
        Assert.StartsWith("Error decoding image bomb.png: the image is 20000x20000", ex.Message);
        // The 2×224×224×3 float batch tensor (1.2 MB) is only allocated after every header passed.
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Preprocess_ConfiguredLimits_FromModelYamlOptions()
    {
        var options = JsonNode.Parse(fixture.Config.Options.GetRawText())!.AsObject();
        options["max_images"] = 2;
        options["max_pixels"] = 1000;
        var config = fixture.Config with { Options = JsonDocument.Parse(options.ToJsonString()).RootElement };
        await using var model = await fixture.LoadAsync(config);
        var three = Request(Body(SampleFiles.Select(f => Instance(f, Sample(f))).ToArray()));
        var ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await ((IModel)model).PreprocessAsync(three, CancellationToken.None));
        Assert.Equal("Input data should have less than                 2 images.", ex.Message);
        ex = await Assert.ThrowsAsync<InvalidInputException>(async () => await ((IModel)model).PreprocessAsync(Request(Body(Instance("Cambia_logo.png", Sample("Cambia_logo.png")))), CancellationToken.None));
        Assert.Equal("Error decoding image Cambia_logo.png: the image is 120x64 pixels; the limits are 30000 per side and 1000 in all.", ex.Message);
    }

    [Fact]
    public void GetCacheKey_SameImages_SameKey_DebugAndUrlNotCached()
    {
        var a = fixture.Model.GetCacheKey(Request(Body(Instance("x.png", [1, 2, 3]))));
        var b = fixture.Model.GetCacheKey(Request(Body(Instance("x.png", [1, 2, 3]))));
        var c = fixture.Model.GetCacheKey(Request(Body(Instance("y.png", [1, 2, 3]))));
        Assert.NotNull(a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var debug = Body(Instance("x.png", [1, 2, 3]));
        debug["debug"] = true;
        Assert.Null(fixture.Model.GetCacheKey(Request(debug)));
        Assert.Null(fixture.Model.GetCacheKey(Request("""{"instances": [{"filename": "x", "url": "https://upload.wikimedia.org/x.png", "target": "logo"}]}""")));
    }

    private static async Task<(InvalidInputException Error, long Allocated)> MeasureAsync(Func<Task> action)
    {
        // Warm the path once so JIT and first-use allocations do not count.
        await Assert.ThrowsAsync<InvalidInputException>(action);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<InvalidInputException>(action);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(400, ex.StatusCode);
        return (ex, allocated);
    }

    private static long CurrentRss()
    {
        using var p = System.Diagnostics.Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }
}
