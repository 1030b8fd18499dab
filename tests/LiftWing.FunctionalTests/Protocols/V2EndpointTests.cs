using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Training.Examples;

namespace LiftWing.FunctionalTests.Protocols;

public sealed class V2EndpointTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ServerMetadata_NamesTheRepositoryExtension()
    {
        var body = await HttpAssert.JsonAsync(await _client.GetAsync("v2"), HttpStatusCode.OK);
        // What a KServe client reads from a KServe server (issue 15); LiftWing's own version is a header.
        Assert.Equal("kserve", body.GetProperty("name").GetString());
        Assert.Equal("0.15.2", body.GetProperty("version").GetString());
        Assert.Contains("model_repository_extension", body.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        Assert.True((await HttpAssert.JsonAsync(await _client.GetAsync("v2/health/live"), HttpStatusCode.OK)).GetProperty("live").GetBoolean());
        Assert.True((await HttpAssert.JsonAsync(await _client.GetAsync("v2/health/ready"), HttpStatusCode.OK)).GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ModelMetadata_ComesFromTheOnnxModel()
    {
        var body = await HttpAssert.JsonAsync(await _client.GetAsync("v2/models/example-linear"), HttpStatusCode.OK);
        Assert.Equal("onnxruntime", body.GetProperty("platform").GetString());
        Assert.Equal(["1"], body.GetProperty("versions").EnumerateArray().Select(e => e.GetString()));
        var input = body.GetProperty("inputs")[0];
        Assert.Equal("input", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal([-1L, 4L], input.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(["probabilities", "label"], body.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ModelMetadata_Versions()
    {
        await HttpAssert.JsonAsync(await _client.GetAsync("v2/models/example-linear/versions/1"), HttpStatusCode.OK);
        await HttpAssert.ErrorAsync(await _client.GetAsync("v2/models/example-linear/versions/7"), HttpStatusCode.NotFound, "Model with name example-linear version 7 does not exist.");
        await HttpAssert.ErrorAsync(await _client.GetAsync("v2/models/nope"), HttpStatusCode.NotFound, "Model with name nope does not exist.");
    }

    [Fact]
    public async Task FailedModel_ReportsTheReason()
    {
        var body = await HttpAssert.JsonAsync(await _client.GetAsync("v2/models/broken"), HttpStatusCode.OK);
        Assert.False(body.GetProperty("ready").GetBoolean());
        Assert.Equal("UNAVAILABLE", body.GetProperty("state").GetString());
        Assert.Equal("configured to fail loading", body.GetProperty("reason").GetString());
        await HttpAssert.JsonAsync(await _client.GetAsync("v2/models/broken/ready"), HttpStatusCode.ServiceUnavailable);
        await HttpAssert.JsonAsync(await _client.GetAsync("v2/models/example-linear/ready"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Infer_MatchesAnIndependentComputation()
    {
        float[][] rows = [[1f, 2f, 3f, 4f], [0.5f, 0f, 1f, -1f], [-3.25f, 7f, 0.125f, 2f]];
        var request = new
        {
            id = "req-42",
            inputs = new[] { new { name = "input", datatype = "FP32", shape = new[] { rows.Length, 4 }, data = rows } },
        };
        var body = await HttpAssert.JsonAsync(await _client.PostAsync("v2/models/example-linear/infer", JsonContent(request)), HttpStatusCode.OK);
        Assert.Equal("example-linear", body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        Assert.Equal("req-42", body.GetProperty("id").GetString());
        var probs = body.GetProperty("outputs")[0];
        Assert.Equal("probabilities", probs.GetProperty("name").GetString());
        Assert.Equal([3L, 3L], probs.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        var got = probs.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var labels = body.GetProperty("outputs")[1].GetProperty("data").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            // softmax(x·W + b) in double precision, written out here independently of ONNX Runtime.
            var logits = new double[3];
            for (var c = 0; c < 3; c++)
            {
                logits[c] = ExampleOnnxModel.Bias[c];
                for (var k = 0; k < 4; k++)
                {
                    logits[c] += rows[r][k] * ExampleOnnxModel.Weights[(k * 3) + c];
                }
            }

            var max = logits.Max();
            var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
            var sum = exp.Sum();
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(exp[c] / sum, got[(r * 3) + c], 5);
            }

            Assert.Equal(Array.IndexOf(logits, max), labels[r]);
        }
    }

    [Fact]
    public async Task Infer_RequestedOutputs_AreHonoured()
    {
        var json = """{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[1,2,3,4]}],"outputs":[{"name":"label"}]}""";
        var body = await HttpAssert.JsonAsync(await _client.PostAsync("v2/models/example-linear/infer", Json(json)), HttpStatusCode.OK);
        var outputs = body.GetProperty("outputs");
        Assert.Equal(1, outputs.GetArrayLength());
        Assert.Equal("label", outputs[0].GetProperty("name").GetString());
        Assert.Equal(2, outputs[0].GetProperty("data")[0].GetInt64());
        Assert.False(body.TryGetProperty("id", out _));
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,3],"data":[1,2,3]}]}""", "Input 'input': shape [1,3] does not match the model's [-1,4] (-1 = any).")]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP64","shape":[1,4],"data":[1,2,3,4]}]}""", "Input 'input': datatype FP64 does not match the model's FP32.")]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP32","shape":[2,4],"data":[1,2,3,4]}]}""", "Input 'input': shape [2,4] needs 8 elements but data has 4.")]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[1,2,"x",4]}]}""", "Input 'input': value \"x\" is not a valid FP32.")]
    [InlineData("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1,4],"data":[1,2,3,4]}]}""", "Unexpected input 'x'; model example-linear takes: input.")]
    [InlineData("""{"inputs":[]}""", "Missing input 'input' (FP32 [-1,4]).")]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP8","shape":[1,4],"data":[1,2,3,4]}]}""", "Unsupported datatype 'FP8'. Supported: BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FP16, BF16, FP32, FP64, BYTES.")]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP16","shape":[1,4],"data":[1,2,3,4]}]}""", "Input 'input': datatype FP16 cannot be sent as JSON data; send it as binary data.")]
    [InlineData("""{"input":[]}""", "'inputs' is required and must be an array.")]
    [InlineData("""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[1,2,3,4]}],"outputs":[{"name":"nope"}]}""", "Requested output 'nope' does not exist (outputs: probabilities, label).")]
    public async Task Infer_BadRequests_Are400WithAClearMessage(string json, string message)
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v2/models/example-linear/infer", Json(json)), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task V1PredictOnATensorModelWithoutInstances_Is400()
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/example-linear:predict", Json("{}")), HttpStatusCode.BadRequest,
            "Model example-linear takes V1 requests as {\"instances\": [...]} or V2 infer requests.");
    }

    [Fact]
    public async Task Infer_UnknownAndNotReadyModels()
    {
        var json = """{"inputs":[]}""";
        await HttpAssert.ErrorAsync(await _client.PostAsync("v2/models/nope/infer", Json(json)), HttpStatusCode.NotFound, "Model with name nope does not exist.");
        await HttpAssert.ErrorAsync(await _client.PostAsync("v2/models/broken/infer", Json(json)), HttpStatusCode.ServiceUnavailable, "Model with name broken is not ready.");
        await HttpAssert.ErrorAsync(await _client.PostAsync("v2/models/example-linear/versions/9/infer", Json(json)), HttpStatusCode.NotFound, "Model with name example-linear version 9 does not exist.");
    }

    private static StringContent JsonContent<T>(T value) => Json(JsonSerializer.Serialize(value));
}
