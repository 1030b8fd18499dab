using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Protocols;

public sealed class V1EndpointTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Root_IsAlive()
    {
        var body = await HttpAssert.JsonAsync(await _client.GetAsync("/"), HttpStatusCode.OK);
        Assert.Equal("alive", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ListModels_ReturnsEveryModel()
    {
        var body = await HttpAssert.JsonAsync(await _client.GetAsync("v1/models"), HttpStatusCode.OK);
        var names = body.GetProperty("models").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["broken", "echo", "example-linear"], names);
    }

    [Fact]
    public async Task ModelStatus_ReadyAndNotReady()
    {
        var ready = await HttpAssert.JsonAsync(await _client.GetAsync("v1/models/echo"), HttpStatusCode.OK);
        Assert.Equal("echo", ready.GetProperty("name").GetString());
        Assert.True(ready.GetProperty("ready").GetBoolean());
        var broken = await HttpAssert.JsonAsync(await _client.GetAsync("v1/models/broken"), HttpStatusCode.OK);
        Assert.False(broken.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ModelStatus_Unknown_Is404()
    {
        await HttpAssert.ErrorAsync(await _client.GetAsync("v1/models/nope"), HttpStatusCode.NotFound, "Model with name nope does not exist.");
    }

    [Theory]
    [InlineData("v1/models/echo:predict")]
    [InlineData("v1/models/echo%3Apredict")]
    [InlineData("v1/models/echo%3apredict")]
    [InlineData("service/lw/inference/v1/models/echo:predict")]
    [InlineData("service/lw/inference/v1/models/echo%3Apredict")]
    public async Task Predict_EveryPathForm_ReachesTheModel(string path)
    {
        var body = await HttpAssert.JsonAsync(await _client.PostAsync(path, Json("""{"text":"héllo","n":[1,2]}""")), HttpStatusCode.OK);
        Assert.Equal("héllo", body.GetProperty("echo").GetProperty("text").GetString());
        Assert.Equal("echo", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Predict_UnknownModel_Is404()
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/nope:predict", Json("{}")), HttpStatusCode.NotFound, "Model with name nope does not exist.");
    }

    [Fact]
    public async Task Predict_ModelThatFailedToLoad_Is503()
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/broken:predict", Json("{}")), HttpStatusCode.ServiceUnavailable, "Model with name broken is not ready.");
    }

    [Fact]
    public async Task Predict_InvalidJson_Is400WithKServeMessage()
    {
        var message = await HttpAssert.ErrorMessageAsync(await _client.PostAsync("v1/models/echo:predict", Json("{\"text\": ")), HttpStatusCode.BadRequest);
        Assert.StartsWith("Unrecognized request format: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_EmptyBody_Is400()
    {
        var message = await HttpAssert.ErrorMessageAsync(await _client.PostAsync("v1/models/echo:predict", Json("")), HttpStatusCode.BadRequest);
        Assert.Equal("Unrecognized request format: the request body is empty", message);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public async Task Predict_JsonThatIsNotAnObject_Is400(string json)
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/echo:predict", Json(json)), HttpStatusCode.BadRequest, "Please verify that request input is a json dict");
    }

    [Fact]
    public async Task Predict_FormContentTypeWithJsonText_IsDecodedAsLiftWingDoes()
    {
        // curl -d sends application/x-www-form-urlencoded; Lift Wing decodes the bytes as JSON.
        var content = new StringContent("""{"text":"x"}""", Encoding.UTF8, "application/x-www-form-urlencoded");
        var body = await HttpAssert.JsonAsync(await _client.PostAsync("v1/models/echo:predict", content), HttpStatusCode.OK);
        Assert.Equal("x", body.GetProperty("echo").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Predict_FormContentTypeWithNonJson_Is400()
    {
        var content = new StringContent("text=hello", Encoding.UTF8, "application/x-www-form-urlencoded");
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/echo:predict", content), HttpStatusCode.BadRequest, "Please verify that request input is a json dict");
    }

    [Fact]
    public async Task Predict_DeeplyNestedJson_Is400()
    {
        var json = "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var message = await HttpAssert.ErrorMessageAsync(await _client.PostAsync("v1/models/echo:predict", Json(json)), HttpStatusCode.BadRequest);
        Assert.Contains("depth", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Predict_ModelRejectsInput_Is400WithItsMessage()
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/echo:predict", Json("""{"fail":"invalid"}""")), HttpStatusCode.BadRequest, "The parameter fail asked for a 400.");
    }

    [Fact]
    public async Task Predict_ModelCrashes_Is500AndServerKeepsServing()
    {
        var response = await _client.PostAsync("v1/models/echo:predict", Json("""{"fail":"crash"}"""));
        var id = Assert.Single(response.Headers.GetValues("x-request-id"));
        // The exception's type and message go to the log only; the client gets the request id to quote.
        await HttpAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, $"Internal server error (request id {id})");
        await HttpAssert.JsonAsync(await _client.PostAsync("v1/models/echo:predict", Json("{}")), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Predict_WrongMethod_Is405WithFastApisBody()
    {
        // Issue 15: FastAPI's {"detail": "Method Not Allowed"} and an Allow header, as Lift Wing answers a wrong method.
        using var response = await _client.GetAsync("v1/models/echo:predict");
        await HttpAssert.DetailAsync(response, HttpStatusCode.MethodNotAllowed, "Method Not Allowed");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task UnknownRoute_Is404WithFastApisBody()
    {
        await HttpAssert.DetailAsync(await _client.GetAsync("v9/nothing"), HttpStatusCode.NotFound, "Not Found");
    }

    [Fact]
    public async Task RequestId_IsEchoedOrGenerated()
    {
        using var withId = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json("{}") };
        withId.Headers.Add("x-request-id", "abc-123");
        var r1 = await _client.SendAsync(withId);
        Assert.Equal("abc-123", r1.Headers.GetValues("x-request-id").Single());
        var r2 = await _client.PostAsync("v1/models/echo:predict", Json("{}"));
        Assert.Matches("^[0-9a-f]{32}$", r2.Headers.GetValues("x-request-id").Single());
    }
}
