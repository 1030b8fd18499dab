using System.Net;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Ores;

/// <summary>Every request-level error of ores-legacy (reference §3.5, part 2 §1.2): exact status and body.</summary>
[Collection(OresCollection.Name)]
public sealed class OresErrorTests(OresServerFixture fixture)
{
    private const string Wiki = "https://wikitech.wikimedia.org/wiki/ORES";

    private async Task AssertAsync(string url, HttpStatusCode status, string expectedJson)
    {
        using var response = await fixture.Server.Client.GetAsync(new Uri(url, UriKind.Relative));
        JsonDeep.Equal(expectedJson, await HttpAssert.JsonAsync(response, status));
    }

    [Theory]
    [InlineData("/v3/scores/enwiki?callback=foo")]
    [InlineData("/v3/scores/?callback=x")]
    [InlineData("/v3/scores/enwiki/1097728152/damaging?callback=x")]
    [InlineData("/v3/scores/nowiki123/1?callback=x")]
    public Task Callback_IsRefusedWithTopLevelError(string url) =>
        AssertAsync(url, HttpStatusCode.BadRequest,
            """{"error": {"code": "not found", "message": "Callback parameters are not allowed. The API will return only JSONresponses."}}""");

    [Fact]
    public async Task EmptyCallback_IsIgnored()
    {
        using var response = await fixture.Server.Client.GetAsync(new Uri("/v3/scores/dewiki?callback=", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v3/scores/whateverwiki")]
    [InlineData("/v3/scores/whateverwiki/?revids=1")]
    [InlineData("/v3/scores/whateverwiki/123")]
    [InlineData("/v3/scores/whateverwiki/123/damaging")]
    public Task UnknownContext_Is404(string url) =>
        AssertAsync(url, HttpStatusCode.NotFound, """{"detail": {"error": {"code": "not found", "message": "No scorers available for whateverwiki"}}}""");

    [Theory]
    [InlineData("/v3/scores/enwiki?models=NONEXISTENTMODEL", "NONEXISTENTMODEL")]
    [InlineData("/v3/scores/enwiki?models=damaging|NOPE&revids=1", "NOPE")]
    [InlineData("/v3/scores/enwiki/123?models=damaging|", "")]
    [InlineData("/v3/scores/enwiki/123/reverted", "reverted")]
    [InlineData("/v3/scores/enwiki?models=it%27s", "it's")]
    public Task UnknownModel_Is400(string url, string model)
    {
        var repr = model.Contains('\'', StringComparison.Ordinal) ? $"\"{model}\"" : $"'{model}'";
        return AssertAsync(url, HttpStatusCode.BadRequest, Detail("not found", $"Models ({repr},) not available for enwiki"));
    }

    [Theory]
    [InlineData("299380.0")]
    [InlineData("1|abc")]
    [InlineData("1||2")]
    [InlineData("99999999999999999999999")]
    public Task NonIntegerRevids_Are400WithoutCode(string revids) =>
        AssertAsync($"/v3/scores/enwiki?models=damaging&revids={Uri.EscapeDataString(revids)}", HttpStatusCode.BadRequest,
            """{"detail": {"error": {"message": "Each revision id must be a valid integer"}}}""");

    [Theory]
    [InlineData("/v3/scores/?model_info=version", "model_info")]
    [InlineData("/v3/scores/enwiki?model_info=version", "model_info")]
    [InlineData("/v3/scores/enwiki/123?model_info=statistics", "model_info")]
    [InlineData("/v3/scores/enwiki/123/damaging?model_info=statistics.thresholds.true", "model_info")]
    [InlineData("/v3/scores/enwiki/123/damaging?inject=%7B%7D", "inject")]
    [InlineData("/v3/scores/whateverwiki?model_info=version", "model_info")]
    public Task ModelInfoAndInject_AreRefusedForModelsWithoutThresholdTables(string url, string parameter) =>
        AssertAsync(url, HttpStatusCode.BadRequest,
            Detail("bad request", $"{parameter} query parameter is not supported by this endpoint anymore. For more information please visit {Wiki}"));

    [Fact]
    public async Task EmptyModelInfo_IsIgnored()
    {
        using var response = await fixture.Server.Client.GetAsync(new Uri("/v3/scores/dewiki?model_info=", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Detail(string code, string message) =>
        System.Text.Json.JsonSerializer.Serialize(new { detail = new { error = new { code, message } } });

    private static string Limit(int requested) => Detail("too many requests",
        $"Scoring more than 20 scores is not supported anymore by this endpoint. You are requesting {requested} ORES scores which is above the supported limit of 20 for a single request. " +
        "Please break down your request into smaller chunks or consider using the /v3/scores/{context}/{revid} endpoint to score one revision at a time. " +
        $"For more information please visit {Wiki}");

    [Fact]
    public Task TooManyScores_Is400WithTheCount() =>
        AssertAsync("/v3/scores/enwiki?models=damaging|goodfaith&revids=" + string.Join('|', Enumerable.Range(1, 11)), HttpStatusCode.BadRequest,
            Limit(22));

    [Fact]
    public Task TooManyScores_CountsEveryModelOfTheContextWithoutModels() =>
        // enwiki has 7 ORES models: 3 revisions are 21 scores.
        AssertAsync("/v3/scores/enwiki?revids=1|2|3", HttpStatusCode.BadRequest,
            Limit(21));

    [Theory]
    [InlineData("/v3/scores/enwiki/abc", """[{"loc": ["path", "revid"], "msg": "value is not a valid integer", "type": "type_error.integer"}]""")]
    [InlineData("/v3/scores/enwiki/1.5/damaging", """[{"loc": ["path", "revid"], "msg": "value is not a valid integer", "type": "type_error.integer"}]""")]
    [InlineData("/v3/scores/enwiki/1?features=maybe", """[{"loc": ["query", "features"], "msg": "value could not be parsed to a boolean", "type": "type_error.bool"}]""")]
    [InlineData("/v3/scores/enwiki?features=2", """[{"loc": ["query", "features"], "msg": "value could not be parsed to a boolean", "type": "type_error.bool"}]""")]
    [InlineData("/v3/scores/enwiki/x/damaging?features=z", """[{"loc": ["path", "revid"], "msg": "value is not a valid integer", "type": "type_error.integer"}, {"loc": ["query", "features"], "msg": "value could not be parsed to a boolean", "type": "type_error.bool"}]""")]
    public Task InvalidTypedParameters_Are422(string url, string detail) =>
        AssertAsync(url, HttpStatusCode.UnprocessableEntity, $$"""{"detail": {{detail}}}""");

    [Theory]
    [InlineData("/scores/enwiki")]
    [InlineData("/v1/scores/enwiki/123")]
    [InlineData("/scores/enwiki/123/damaging")]
    public Task V1Routes_AreDeprecated(string url) =>
        AssertAsync(url, HttpStatusCode.BadRequest, """{"detail": {"error": {"code": "not found", "message": "ORES support for v1 has been deprecated. Please use v3."}}}""");

    [Fact]
    public Task Ui_IsDeprecatedString() =>
        AssertAsync("/ui", HttpStatusCode.OK,
            "\"The UI functionality has been deprecated. For more information visithttps://ores.wikimedia.org/docs which has documentation for the ORES API as well as information on how to contact the ML team\"");

    [Theory]
    [InlineData("/v3/precache")]
    [InlineData("/v3/scores/enwiki/1/damaging/extra")]
    [InlineData("/v3/spec/")]
    public Task OtherV3Paths_AreFastApisNotFound(string url) => AssertAsync(url, HttpStatusCode.NotFound, """{"detail": "Not Found"}""");

    [Fact]
    public async Task PostOnScores_IsFastApisMethodNotAllowed()
    {
        using var response = await fixture.Server.Client.PostAsync(new Uri("/v3/scores/enwiki/123", UriKind.Relative), new StringContent("{}"));

        JsonDeep.Equal("""{"detail": "Method Not Allowed"}""", await HttpAssert.JsonAsync(response, HttpStatusCode.MethodNotAllowed));
    }
}
