using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.FunctionalTests.LogoDetection;
using LiftWing.Tests.Common;
using static LiftWing.FunctionalTests.Compatibility.CompatibilityJson;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// logo-detection against Lift Wing's request and response schema and <c>model.py</c> (liftwing-reference.md §1.4), on
/// its three sample images.
/// </summary>
[Collection(LogoHttpCollection.Name)]
public sealed class LogoDetectionCompatibilityTests(LogoServerFixture fixture) : IClassFixture<LogoServerFixture>
{
    private const string Predict = "v1/models/logo-detection:predict";

    private HttpClient Client => fixture.Server.Client;

    private static string Sample(string name) => Convert.ToBase64String(File.ReadAllBytes(TestPaths.SharedData("liftwing", "logo", name)));

    private static JsonObject Instance(string filename, string base64) => new() { ["filename"] = filename, ["image"] = base64, ["target"] = "logo" };

    private static string Body(params JsonObject[] instances) => new JsonObject { ["instances"] = new JsonArray(instances) }.ToJsonString();

    // The reference's request example with Lift Wing's three samples, sent in another order: the answer is in Keras'
    // order (the temp folder read back sorted by file name), each prediction in the documented shape.
    [Fact]
    public async Task DocumentedExample_ThreeSamples_SortedByFilename_InTheDocumentedShape()
    {
        string[] sent = ["Cambia_logo.png", "Blooming_bush_(14248894271).jpg", "12_rue_de_Condé_-_detail.jpg"];

        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, Body([.. sent.Select(f => Instance(f, Sample(f)))])), HttpStatusCode.OK);

        Assert.Equal(["predictions"], Keys(body));
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(["12_rue_de_Condé_-_detail.jpg", "Blooming_bush_(14248894271).jpg", "Cambia_logo.png"], predictions.Select(p => p.GetProperty("filename").GetString()));
        foreach (var p in predictions)
        {
            Assert.Equal(["filename", "target", "prediction", "out_of_domain"], Keys(p));
            Assert.Equal("logo", p.GetProperty("target").GetString());
            Assert.Equal(Math.Round(p.GetProperty("prediction").GetDouble(), 4), p.GetProperty("prediction").GetDouble());
            Assert.Equal(Math.Round(p.GetProperty("out_of_domain").GetDouble(), 4), p.GetProperty("out_of_domain").GetDouble());
        }

        Assert.True(predictions[2].GetProperty("prediction").GetDouble() > 0.5);
    }

    // Duplicate file names overwrite each other in Lift Wing's temp folder: one prediction, for the image sent last.
    [Fact]
    public async Task DuplicateFilenames_OnePrediction_ForTheLastImageSent()
    {
        var logo = Sample("Cambia_logo.png");
        var photo = Sample("Blooming_bush_(14248894271).jpg");

        var lastIsPhoto = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, Body(Instance("a.png", logo), Instance("b.png", logo), Instance("a.png", photo))), HttpStatusCode.OK);
        var lastIsLogo = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, Body(Instance("a.png", photo), Instance("a.png", logo))), HttpStatusCode.OK);

        var p = lastIsPhoto.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(["a.png", "b.png"], p.Select(x => x.GetProperty("filename").GetString()));
        Assert.True(p[0].GetProperty("prediction").GetDouble() < 0.5);
        Assert.True(Assert.Single(lastIsLogo.GetProperty("predictions").EnumerateArray()).GetProperty("prediction").GetDouble() > 0.5);
    }

    // debug: true adds Lift Wing's latency object (commit b4df139).
    [Fact]
    public async Task Debug_AddsLatencyWithLiftWingsKeys()
    {
        var json = new JsonObject { ["instances"] = new JsonArray(Instance("Cambia_logo.png", Sample("Cambia_logo.png"))), ["debug"] = true }.ToJsonString();

        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, json), HttpStatusCode.OK);

        Assert.Equal(["predictions", "latency"], Keys(body));
        Assert.Equal(["preprocess (s)", "predict (s)", "total (s)"], Keys(body.GetProperty("latency")));
    }

    // Three images of almost 4 MiB: a body over the server's 10 MiB default, under logo-detection's own limit.
    [Fact]
    public async Task BodyOverTheServerDefault_AcceptedUnderTheModelsOwnLimit()
    {
        var images = Enumerable.Range(0, 3).Select(i => Instance($"noise{i}.png", Convert.ToBase64String(TestImages.NoisePng(1182, 1182, i)))).ToArray();
        var json = Body(images);
        Assert.True(json.Length > 10 * 1024 * 1024);

        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, json), HttpStatusCode.OK);

        Assert.Equal(3, body.GetProperty("predictions").GetArrayLength());
    }

    // The reference's 400 table (the runs of spaces are Lift Wing's line continuations).
    [Theory]
    [InlineData("""{"debug": false}""", "Missing required key 'instances' in input data.")]
    [InlineData("""{"instances": [], "debug": "yes"}""", "The 'debug' key should be a boolean.")]
    [InlineData("""{"instances": [{"filename": "a.png", "target": "logo"}]}""", "Input data has invalid key(s).                     Ensure each item contains: filename, image, and target.")]
    [InlineData("""{"instances": [{"filename": "a.png", "image": 5, "target": "logo"}]}""", "Value for key 'image' should be a string.")]
    public async Task DocumentedErrors_Are400WithLiftWingsText(string json, string message)
    {
        Assert.Equal(message, await ErrorTextAsync(await PostAsync(Client, Predict, json), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task FiftyOneImages_Is400WithLiftWingsText()
    {
        var json = Body([.. Enumerable.Range(0, 51).Select(i => Instance($"{i}.png", "AAAA"))]);

        Assert.Equal("Input data should have less than                 50 images.", await ErrorTextAsync(await PostAsync(Client, Predict, json), HttpStatusCode.BadRequest));
    }
}
