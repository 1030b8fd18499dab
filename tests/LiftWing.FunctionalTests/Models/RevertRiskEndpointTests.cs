using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common.FakeMediaWiki;

namespace LiftWing.FunctionalTests.Models;

public sealed class RevertRiskEndpointTests(RevertRiskServerFixture fixture) : IClassFixture<RevertRiskServerFixture>
{
    private const string Path = "v1/models/revertrisk-language-agnostic:predict";
    private readonly HttpClient _client = fixture.Server.Client;

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _client.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static void AssertPrediction(JsonElement body, string wikiDb, long revisionId)
    {
        Assert.Equal(["model_name", "model_version", "wiki_db", "revision_id", "output"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("revertrisk-language-agnostic", body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        Assert.Equal(wikiDb, body.GetProperty("wiki_db").GetString());
        Assert.Equal(revisionId, body.GetProperty("revision_id").GetInt64());
        var output = body.GetProperty("output");
        var p = output.GetProperty("probabilities").GetProperty("true").GetDouble();
        Assert.InRange(p, 0, 1);
        Assert.Equal(1 - p, output.GetProperty("probabilities").GetProperty("false").GetDouble(), 12);
        Assert.Equal(p >= 0.5, output.GetProperty("prediction").GetBoolean());
    }

    [Fact]
    public async Task Predict_RevIdAndLang_FetchesFromMediaWikiAndAnswers()
    {
        var body = await HttpAssert.JsonAsync(await PostAsync("""{"rev_id": 2001, "lang": "en"}"""), HttpStatusCode.OK);

        AssertPrediction(body, "enwiki", 2001);
        var seen = fixture.MediaWiki.Requests.Where(r => r.PathAndQuery.Contains("2001", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(seen);
        Assert.All(seen, r => Assert.Equal("en.wikipedia.org", r.Host));
    }

    [Fact]
    public async Task Predict_Event_Answers()
    {
        var ev = """{"event": {"$schema": "/mediawiki/page/change/1.3.0", "wiki_id": "enwiki", "meta": {"domain": "en.wikipedia.org"}, "revision": {"rev_id": 2005}}}""";

        var body = await HttpAssert.JsonAsync(await PostAsync(ev), HttpStatusCode.OK);

        AssertPrediction(body, "enwiki", 2005);
    }

    [Fact]
    public async Task Predict_RevisionData_ReturnsRevisionIdMinusOne()
    {
        var data = new
        {
            revision_data = new
            {
                id = -1, lang = "en", text = RevertRiskTestWiki.Article + "\nNew sentence.", timestamp = "2022-02-15T04:30:00Z",
                bytes = Encoding.UTF8.GetByteCount(RevertRiskTestWiki.Article) + 14,
                page = new { id = 500, title = "Bodmin", first_edit_timestamp = "2003-01-01T00:00:00Z" },
                parent = new { id = 2001, lang = "en", text = RevertRiskTestWiki.Article, timestamp = "2022-02-14T04:30:00Z", bytes = Encoding.UTF8.GetByteCount(RevertRiskTestWiki.Article) },
                user = new { id = 0 },
            },
        };

        var body = await HttpAssert.JsonAsync(await _client.PostAsJsonAsync(Path, data), HttpStatusCode.OK);

        AssertPrediction(body, "enwiki", -1);
    }

    [Fact]
    public async Task Predict_BatchWithFailures_Is200WithPredictionsAndErrors()
    {
        var body = await HttpAssert.JsonAsync(
            await PostAsync("""{"instances": [{"rev_id": 2004, "lang": "en"}, {"rev_id": 777777, "lang": "en"}]}"""), HttpStatusCode.OK);

        AssertPrediction(Assert.Single(body.GetProperty("predictions").EnumerateArray()), "enwiki", 2004);
        Assert.Equal(["Could not make prediction for revision 777777 (en). Reason: revision_missing"],
            body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""{"rev_id": 2001}""", "The parameter lang is required.")]
    [InlineData("""{"lang": "en"}""", "The parameter rev_id is required.")]
    [InlineData("""{"instances": []}""", "The parameter instances is required.")]
    [InlineData("""{"rev_id": "12; DROP", "lang": "en"}""", "Expected \"rev_id\" to be a int.")]
    public async Task Predict_InvalidInput_Is400WithMessage(string json, string message) =>
        await HttpAssert.ErrorAsync(await PostAsync(json), HttpStatusCode.BadRequest, message);

    // Lift Wing raises these as FastAPI HTTPExceptions: {"detail": ...} (issue 15).
    [Theory]
    [InlineData("""{"rev_id": 2001, "lang": "enwiki"}""", "Language field should not have a 'wiki' suffix, i.e. use 'en', not 'enwiki'")]
    [InlineData("""{"rev_id": 2001, "lang": "xx"}""", "lang 'xx' does not exist in the canonical Wikipedia language list.")]
    [InlineData("""{"instances": [{"rev_id": 1, "lang": "en"}, {"rev_id": 2, "lang": "fr"}]}""", "Requesting multiple revisions should have the same language.")]
    [InlineData("""{"event": {"wiki_id": "enwiktionary", "meta": {"domain": "en.wiktionary.org"}, "revision": {"rev_id": 1}}}""",
        "This model is not recommended for use in projects outside of Wikipedia (e.g. Wiktionary, Wikinews, etc)")]
    [InlineData("""{"revision_data": {"id": -1, "lang": "en", "text": "x"}}""",
        "Missing some required fields. Required fields are `id`, `lang`, `text`, `timestamp`, `bytes`, `page.id`, `page.title`, `page.first_edit_timestamp`, `parent.id`, `parent.lang`, `parent.text`, `parent.timestamp`, `parent.bytes`, `user.id`")]
    public async Task Predict_HttpExceptionInput_Is400WithDetail(string json, string message) =>
        await HttpAssert.DetailAsync(await PostAsync(json), HttpStatusCode.BadRequest, message);

    [Fact]
    public async Task Predict_TwentyOneInstances_Is400()
    {
        var instances = string.Join(",", Enumerable.Range(1, 21).Select(i => $$"""{"rev_id": {{i}}, "lang": "en"}"""));

        await HttpAssert.DetailAsync(await PostAsync($$"""{"instances": [{{instances}}]}"""), HttpStatusCode.BadRequest,
            "Only accept a maximum of 20 rev_ids in the request.");
    }

    [Theory]
    [InlineData(888888, "revision_missing")]
    [InlineData(2003, "revision_info_deleted")]
    [InlineData(2000, "parent_revision_missing")]
    public async Task Predict_UnavailableRevision_Is422WithReason(long revId, string reason) =>
        await HttpAssert.DetailAsync(await PostAsync($$"""{"rev_id": {{revId}}, "lang": "en"}"""), (HttpStatusCode)422,
            $"Could not make prediction for revisions dict_keys([({revId}, 'en')]). Reason: ['{reason}']");

    [Fact]
    public async Task Predict_MediaWikiDown_Is500WithLiftWingMessage()
    {
        for (var i = 0; i < 4; i++)
        {
            fixture.MediaWiki.Faults.Enqueue(new FakeFault(503, Body: "down", RetryAfterSeconds: 0));
        }

        await HttpAssert.ErrorAsync(await PostAsync("""{"rev_id": 2002, "lang": "en"}"""), HttpStatusCode.InternalServerError,
            "An error happened while fetching info for revision from the MediaWiki API, please contact the ML-Team if the issue persists.");
    }

    [Fact]
    public async Task Predict_NotJson_Is400()
    {
        var response = await PostAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
