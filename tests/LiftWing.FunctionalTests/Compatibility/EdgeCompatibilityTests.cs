using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.HuggingFace;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common.FakeMediaWiki;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// Issue 15, the edge half: each documented Lift Wing / KServe / FastAPI / OpenAI answer for an error or a route,
/// against a real server, byte for byte where Lift Wing's body is fixed (status, key, key order, types, text).
/// </summary>
public sealed class EdgeCompatibilityTests(EdgeCompatibilityFixture fixture) : IClassFixture<EdgeCompatibilityFixture>
{
    private const string RevertRiskPath = "v1/models/revertrisk-language-agnostic:predict";
    private const string PublicOpenAI = "service/lw/inference/v1/models/all-MiniLM-L6-v2/openai/v1";
    private static readonly JsonSerializerOptions s_raw = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpClient _client = fixture.Server.Client;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private static string Detail(string message) => JsonSerializer.Serialize(new { detail = message }, s_raw);


    private async Task AssertRevertRiskAsync(string request, HttpStatusCode status, string expectedBody) =>
        Assert.Equal(expectedBody, await BodyAsync(await _client.PostAsync(RevertRiskPath, Json(request)), status));

    // ---- revert risk: FastAPI HTTPException answers ({"detail"}), reference §1.1 "Errors" ----

    [Fact]
    public Task RevertRisk_WikiSuffix_IsDetail400() => AssertRevertRiskAsync("""{"rev_id": 2001, "lang": "enwiki"}""", HttpStatusCode.BadRequest,
        """{"detail":"Language field should not have a 'wiki' suffix, i.e. use 'en', not 'enwiki'"}""");

    [Fact]
    public Task RevertRisk_NonCanonicalLang_IsDetail400() => AssertRevertRiskAsync("""{"rev_id": 2001, "lang": "xx"}""", HttpStatusCode.BadRequest,
        """{"detail":"lang 'xx' does not exist in the canonical Wikipedia language list."}""");

    [Fact]
    public Task RevertRisk_TwentyOneInstances_IsDetail400() => AssertRevertRiskAsync(
        "{\"instances\": [" + string.Join(",", Enumerable.Range(1, 21).Select(i => $$"""{"rev_id": {{i}}, "lang": "en"}""")) + "]}",
        HttpStatusCode.BadRequest, """{"detail":"Only accept a maximum of 20 rev_ids in the request."}""");

    [Fact]
    public Task RevertRisk_MixedLangs_IsDetail400() => AssertRevertRiskAsync(
        """{"instances": [{"rev_id": 1, "lang": "en"}, {"rev_id": 2, "lang": "de"}]}""", HttpStatusCode.BadRequest,
        """{"detail":"Requesting multiple revisions should have the same language."}""");

    [Fact]
    public Task RevertRisk_NonWikipediaEvent_IsDetail400() => AssertRevertRiskAsync(
        """{"event": {"wiki_id": "enwiktionary", "meta": {"domain": "en.wiktionary.org"}, "revision": {"rev_id": 1}}}""", HttpStatusCode.BadRequest,
        """{"detail":"This model is not recommended for use in projects outside of Wikipedia (e.g. Wiktionary, Wikinews, etc)"}""");

    [Fact]
    public Task RevertRisk_IncompleteRevisionData_IsDetail400() => AssertRevertRiskAsync(
        """{"revision_data": {"id": 1, "lang": "en"}}""", HttpStatusCode.BadRequest,
        Detail("Missing some required fields. Required fields are `id`, `lang`, `text`, `timestamp`, `bytes`, `page.id`, `page.title`, " +
            "`page.first_edit_timestamp`, `parent.id`, `parent.lang`, `parent.text`, `parent.timestamp`, `parent.bytes`, `user.id`"));

    [Fact]
    public Task RevertRisk_MissingRevision_IsDetail422WithPythonReprs() => AssertRevertRiskAsync(
        """{"rev_id": 888888, "lang": "en"}""", (HttpStatusCode)422,
        """{"detail":"Could not make prediction for revisions dict_keys([(888888, 'en')]). Reason: ['revision_missing']"}""");

    [Fact]
    public Task RevertRisk_EveryRevisionOfABatchFails_IsDetail422() => AssertRevertRiskAsync(
        """{"instances": [{"rev_id": 888888, "lang": "en"}, {"rev_id": 2003, "lang": "en"}]}""", (HttpStatusCode)422,
        """{"detail":"Could not make prediction for revisions dict_keys([(888888, 'en'), (2003, 'en')]). Reason: ['revision_missing', 'revision_info_deleted']"}""");

    // ---- revert risk: KServe answers ({"error"}) stay ----

    [Fact]
    public Task RevertRisk_MissingLang_IsKServeError400() => AssertRevertRiskAsync(
        """{"rev_id": 2001}""", HttpStatusCode.BadRequest, """{"error":"The parameter lang is required."}""");

    [Fact]
    public async Task RevertRisk_MediaWikiDown_IsKServeError500()
    {
        for (var i = 0; i < 4; i++)
        {
            fixture.MediaWiki.Faults.Enqueue(new FakeFault(503, Body: "down", RetryAfterSeconds: 0));
        }

        await AssertRevertRiskAsync("""{"rev_id": 2002, "lang": "en"}""", HttpStatusCode.InternalServerError,
            """{"error":"An error happened while fetching info for revision from the MediaWiki API, please contact the ML-Team if the issue persists."}""");
    }

    [Fact]
    public async Task RevertRisk_ModelVersion_IsAString()
    {
        var body = JsonDocument.Parse(await BodyAsync(await _client.PostAsync(RevertRiskPath, Json("""{"rev_id": 2001, "lang": "en"}""")), HttpStatusCode.OK)).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("model_version").ValueKind);
    }

    [Fact]
    public Task UnknownModel_IsKServeError404() => AssertAsync(_client.PostAsync("v1/models/nope:predict", Json("{}")), HttpStatusCode.NotFound,
        """{"error":"Model with name nope does not exist."}""");

    // ---- routes FastAPI answers itself ----

    [Theory]
    [InlineData("GET", "v9/nothing")]
    [InlineData("POST", "v1/models/langid/predict")]
    [InlineData("GET", "v2/models/langid/infer/extra")]
    public async Task UnknownRoute_IsFastApis404(string method, string path) =>
        Assert.Equal("""{"detail":"Not Found"}""", await BodyAsync(await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.NotFound));

    [Theory]
    [InlineData("GET", "v2/models/langid/infer", "POST")]
    [InlineData("PUT", "v2/models/langid/ready", "GET")]
    [InlineData("GET", "v1/models/langid:predict", "POST")]
    public async Task WrongMethod_IsFastApis405WithAllow(string method, string path, string allow)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal("""{"detail":"Method Not Allowed"}""", await BodyAsync(response, HttpStatusCode.MethodNotAllowed));
        Assert.Equal([allow], response.Content.Headers.Allow);
    }

    // ---- KServe routes ----

    [Fact]
    public async Task V2Models_ListsTheModelNames()
    {
        var body = await BodyAsync(await _client.GetAsync("v2/models"), HttpStatusCode.OK);
        Assert.Equal("""{"models":["all-MiniLM-L6-v2","langid","revertrisk-language-agnostic"]}""", body);
        Assert.Equal(body, await BodyAsync(await _client.GetAsync("v1/models"), HttpStatusCode.OK));
    }

    [Fact]
    public Task Explain_WithoutAnExplainer_IsKServes501() => AssertAsync(_client.PostAsync("v1/models/langid:explain", Json("""{"text":"hello"}""")),
        HttpStatusCode.NotImplemented, """{"error":"Could not find explainer_host."}""");

    [Fact]
    public Task Explain_UnknownModel_Is404() => AssertAsync(_client.PostAsync("v1/models/nope:explain", Json("{}")),
        HttpStatusCode.NotFound, """{"error":"Model with name nope does not exist."}""");

    [Fact]
    public async Task ServerMetadata_IsWhatAKServeClientReads()
    {
        using var response = await _client.GetAsync("v2");
        Assert.Equal("""{"name":"kserve","version":"0.15.2","extensions":["model_repository_extension","binary_tensor_data"]}""", await BodyAsync(response, HttpStatusCode.OK));
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("x-liftwing-version").Single()));
    }

    // ---- OpenAI ----

    [Fact]
    public Task OpenAI_UnknownModel_IsOpenAIsModelNotFound() => AssertAsync(
        _client.PostAsync("openai/v1/embeddings", Json("""{"model":"nope","input":"x"}""")), HttpStatusCode.NotFound,
        """{"error":{"message":"Model with name nope does not exist.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""");

    [Fact]
    public Task OpenAI_UnknownRoute_IsOpenAIsInvalidUrl() => AssertAsync(
        _client.PostAsync("openai/v1/chat/completions", Json("""{"model":"all-MiniLM-L6-v2","messages":[]}""")), HttpStatusCode.NotFound,
        """{"error":{"message":"Invalid URL (POST /openai/v1/chat/completions)","type":"invalid_request_error","param":null,"code":null}}""");

    [Fact]
    public async Task OpenAI_WrongMethod_IsOpenAIsInvalidMethod()
    {
        using var response = await _client.GetAsync("openai/v1/embeddings");
        Assert.Equal("""{"error":{"message":"Invalid method for URL (GET /openai/v1/embeddings)","type":"invalid_request_error","param":null,"code":null}}""",
            await BodyAsync(response, HttpStatusCode.MethodNotAllowed));
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task OpenAI_UnderThePublicPrefix_Embeds()
    {
        var body = JsonDocument.Parse(await BodyAsync(
            await _client.PostAsync(PublicOpenAI + "/embeddings", Json("""{"model":"all-MiniLM-L6-v2","input":"A cat sits on the mat","encoding_format":"float"}""")),
            HttpStatusCode.OK)).RootElement;
        Assert.Equal(384, body.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
        var models = JsonDocument.Parse(await BodyAsync(await _client.GetAsync(PublicOpenAI + "/models"), HttpStatusCode.OK)).RootElement;
        Assert.Equal(["all-MiniLM-L6-v2"], models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public Task OpenAI_UnderThePublicPrefix_AnotherModelInTheBody_IsModelNotFound() => AssertAsync(
        _client.PostAsync(PublicOpenAI + "/embeddings", Json("""{"model":"langid","input":"x"}""")), HttpStatusCode.NotFound,
        """{"error":{"message":"Model with name langid does not exist.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""");

    [Fact]
    public Task OpenAI_UnderThePublicPrefix_UnknownService_IsModelNotFound() => AssertAsync(
        _client.GetAsync("service/lw/inference/v1/models/llm-nope/openai/v1/models"), HttpStatusCode.NotFound,
        """{"error":{"message":"Model with name llm-nope does not exist.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""");

    [Fact]
    public async Task OpenAI_OfficialNodeClient_ThroughThePublicPrefix()
    {
        // The gateway's URL as the client's baseURL: the unchanged client embeds, lists one model and reads 404s.
        var result = await OpenAINodeClient.RunAsync(new Uri(fixture.Server.BaseAddress, "service/lw/inference/v1/models/all-MiniLM-L6-v2/"), EdgeCompatibilityFixture.Embeddings);
        Assert.Equal(384, result.GetProperty("float").GetProperty("embedding").GetArrayLength());
        Assert.Equal(["all-MiniLM-L6-v2"], result.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        var unknown = result.GetProperty("errors").GetProperty("unknownModel");
        Assert.Equal(404, unknown.GetProperty("status").GetInt32());
        Assert.Equal("NotFoundError", unknown.GetProperty("type").GetString());
        Assert.Contains("Model with name no-such-model does not exist.", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // ---- Host routing (Lift Wing's internal endpoint) ----

    private Task<HttpResponseMessage> WithHostAsync(string host, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        request.Headers.Host = host;
        return _client.SendAsync(request);
    }

    [Theory]
    [InlineData("langid.llm.wikimedia.org")]
    [InlineData("langid.llm.wikimedia.org:30443")]
    [InlineData("LangId.LLM.wikimedia.org.")]
    public async Task Host_NamingThePathsModel_Serves(string host)
    {
        var body = JsonDocument.Parse(await BodyAsync(await WithHostAsync(host, "v1/models/langid:predict", """{"text":"Some words in English"}"""), HttpStatusCode.OK)).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("language").ValueKind);
    }

    [Fact]
    public Task Host_NamingAnotherModel_IsKServes404() => AssertAsync(
        WithHostAsync("langid.llm.wikimedia.org", RevertRiskPath, """{"rev_id": 2001, "lang": "en"}"""), HttpStatusCode.NotFound,
        """{"error":"Model with name revertrisk-language-agnostic does not exist."}""");

    [Fact]
    public Task Host_RevertRiskNamespace_NamingLangId_IsKServes404() => AssertAsync(
        WithHostAsync("revertrisk-language-agnostic.revertrisk.wikimedia.org", "v1/models/langid:predict", """{"text":"x"}"""), HttpStatusCode.NotFound,
        """{"error":"Model with name langid does not exist."}""");

    [Theory]
    [InlineData("langid.experimental.wikimedia.org")] // not one of langid's namespaces
    [InlineData("nope.llm.wikimedia.org")]            // not a served model
    [InlineData("langid.llm.wikimedia.org.example")]  // another domain
    [InlineData("api.wikimedia.org")]                 // not <model>.<namespace>
    [InlineData("inference.discovery.wmnet:30443")]
    public async Task Host_NotSelectingAServedModel_HasNoEffect(string host)
    {
        var body = JsonDocument.Parse(await BodyAsync(await WithHostAsync(host, "v1/models/langid:predict", """{"text":"Some words in English"}"""), HttpStatusCode.OK)).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("language").ValueKind);
    }

    private static async Task AssertAsync(Task<HttpResponseMessage> send, HttpStatusCode status, string expectedBody)
    {
        using var response = await send;
        Assert.Equal(expectedBody, await BodyAsync(response, status));
    }
}
