using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary>KServe tensor V1 on the generic ONNX model: instances in, predictions out, the same numbers as V2.</summary>
public sealed class TensorV1Tests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Instances_GiveTheFirstOutputAsNestedPredictions_EqualToV2()
    {
        var v1 = await HttpAssert.JsonAsync(
            await _client.PostAsync("v1/models/example-linear:predict", Json("""{"instances":[[0.5,-1,2,0.25],[1,1,-0.5,3]]}""")), HttpStatusCode.OK);
        var v2 = await HttpAssert.JsonAsync(
            await _client.PostAsync("v2/models/example-linear/infer", Json("""{"inputs":[{"name":"input","datatype":"FP32","shape":[2,4],"data":[0.5,-1,2,0.25,1,1,-0.5,3]}]}""")), HttpStatusCode.OK);
        var predictions = v1.GetProperty("predictions");
        Assert.Equal(2, predictions.GetArrayLength());
        var fromV1 = predictions.EnumerateArray().SelectMany(row => row.EnumerateArray().Select(e => e.GetSingle())).ToArray();
        var fromV2 = v2.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(6, fromV1.Length);
        Assert.Equal(fromV2, fromV1);
    }

    [Theory]
    [InlineData("""{"instances":[[1,2,3,4],[1,2,3]]}""", "Input 'input': shape [2,4] needs 8 elements but data has 7.")]
    [InlineData("""{"instances":[[1,2,3]]}""", "Input 'input': shape [1,3] does not match the model's [-1,4] (-1 = any).")]
    [InlineData("""{"instances":[["a",2,3,4]]}""", "Input 'input': value \"a\" is not a valid FP32.")]
    [InlineData("""{"instances":{}}""", "Model example-linear takes V1 requests as {\"instances\": [...]} or V2 infer requests.")]
    public async Task BadInstances_Are400s(string json, string message)
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/example-linear:predict", Json(json)), HttpStatusCode.BadRequest, message);
    }
}
