using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.RevertRisk;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.FakeMediaWiki;
using LiftWing.Wiki.Emulation;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.RevertRisk;
using LiftWing.Wiki.Revisions;

namespace LiftWing.Models.Tests.RevertRisk;

public sealed class RevertRiskModelTests
{
    private static readonly string ModelDir = Path.Combine(TestPaths.Models, "revertrisk-language-agnostic");

    private static async Task<IModel> LoadAsync(IRevisionSource? source = null)
    {
        var config = ModelConfigLoader.Load(Path.Combine(ModelDir, "model.yaml"));
        var model = new RevertRiskModel(config, TestWikiSources.Create(), new MwEditTypeCounter(), source ?? EmulatedSource(RevertRiskTestWiki.Create()));
        await model.LoadAsync(new ModelLoadContext(new Dictionary<string, string> { ["model"] = Path.Combine(ModelDir, "model.json") }), CancellationToken.None);
        return model;
    }

    private static IRevisionSource EmulatedSource(WikiStore store) =>
        new MediaWikiRevisionSource(new MediaWikiActionClient(
            new HttpClient(new ActionApiEmulatorHandler(new ActionApiEmulator(store))),
            new MediaWikiClientOptions { WikiUrl = new Uri("http://mw.test") }));

    private static InferenceRequest Request(string json) => new()
    {
        ModelName = "revertrisk-language-agnostic",
        Body = JsonDocument.Parse(json).RootElement.Clone(),
    };

    private static async Task<JsonElement> PredictAsync(IModel model, string json)
    {
        var request = Request(json);
        var input = await model.PreprocessAsync(request, CancellationToken.None);
        var output = await model.PredictAsync(input, request, CancellationToken.None);
        var response = await model.PostprocessAsync(output, request, CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        return JsonDocument.Parse(response.Json).RootElement.Clone();
    }

    private static async Task<LiftWingException> FailAsync(IModel model, string json) =>
        await Assert.ThrowsAnyAsync<LiftWingException>(async () => await model.PreprocessAsync(Request(json), CancellationToken.None));

    [Fact]
    public async Task Predict_RevIdAndLang_ReturnsLiftWingShape()
    {
        await using var model = await LoadAsync();

        var body = await PredictAsync(model, """{"rev_id": 2001, "lang": "en"}""");

        Assert.Equal("revertrisk-language-agnostic", body.GetProperty("model_name").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("model_version").ValueKind);
        Assert.Equal("enwiki", body.GetProperty("wiki_db").GetString());
        Assert.Equal(2001, body.GetProperty("revision_id").GetInt64());
        var output = body.GetProperty("output");
        var p = output.GetProperty("probabilities").GetProperty("true").GetDouble();
        Assert.InRange(p, 0, 1);
        Assert.Equal(1 - p, output.GetProperty("probabilities").GetProperty("false").GetDouble(), 12);
        Assert.Equal(p >= 0.5, output.GetProperty("prediction").GetBoolean());
    }

    [Fact]
    public async Task Predict_AnonymousShoutingEdit_IsRiskierThanRegisteredCopyedit()
    {
        await using var model = await LoadAsync();

        var copyedit = await PredictAsync(model, """{"rev_id": 2001, "lang": "en"}""");
        var vandalism = await PredictAsync(model, """{"rev_id": 2002, "lang": "en"}""");

        Assert.True(P(vandalism) > P(copyedit), $"vandalism {P(vandalism)} vs copyedit {P(copyedit)}");
    }

    [Fact]
    public async Task Predict_Event_ReadsWikiIdAndRevision()
    {
        await using var model = await LoadAsync();
        var ev = """{"event": {"$schema": "/mediawiki/page/change/1.3.0", "wiki_id": "enwiki", "meta": {"domain": "en.wikipedia.org"}, "revision": {"rev_id": 2001}}}""";

        var body = await PredictAsync(model, ev);

        Assert.Equal(2001, body.GetProperty("revision_id").GetInt64());
        Assert.Equal("enwiki", body.GetProperty("wiki_db").GetString());
    }

    [Fact]
    public async Task Predict_BatchWithOneMissing_Returns200WithErrors()
    {
        await using var model = await LoadAsync();

        var body = await PredictAsync(model, """{"instances": [{"rev_id": 2001, "lang": "en"}, {"rev_id": 999999, "lang": "en"}, {"rev_id": 2003, "lang": "en"}]}""");

        var prediction = Assert.Single(body.GetProperty("predictions").EnumerateArray());
        Assert.Equal(2001, prediction.GetProperty("revision_id").GetInt64());
        Assert.Equal(
            ["Could not make prediction for revision 999999 (en). Reason: revision_missing",
             "Could not make prediction for revision 2003 (en). Reason: revision_info_deleted"],
            body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Predict_RevisionData_ReturnsRevisionIdMinusOne()
    {
        await using var model = await LoadAsync();
        var data = new
        {
            revision_data = new
            {
                id = -1, lang = "en", text = "Bodmin is a historic town.", timestamp = "2022-02-15T04:30:00Z", bytes = 26, comment = "typo",
                page = new { id = 500, title = "Bodmin", first_edit_timestamp = "2003-01-01T00:00:00Z" },
                parent = new { id = 2001, lang = "en", text = "Bodmin is a town.", timestamp = "2022-02-14T04:30:00Z", bytes = 17 },
                user = new { id = 0 },
            },
        };

        var body = await PredictAsync(model, JsonSerializer.Serialize(data));

        Assert.Equal(-1, body.GetProperty("revision_id").GetInt64());
        Assert.Equal("enwiki", body.GetProperty("wiki_db").GetString());
    }

    [Theory]
    [InlineData("""{"rev_id": 2001}""", "The parameter lang is required.")]
    [InlineData("""{"lang": "en"}""", "The parameter rev_id is required.")]
    [InlineData("""{"rev_id": 0, "lang": "en"}""", "The parameter rev_id is required.")]
    [InlineData("""{"rev_id": 2001, "lang": ""}""", "The parameter lang is required.")]
    [InlineData("""{"rev_id": "abc", "lang": "en"}""", "Expected \"rev_id\" to be a int.")]
    [InlineData("""{"rev_id": 2001, "lang": "enwiki"}""", "Language field should not have a 'wiki' suffix, i.e. use 'en', not 'enwiki'")]
    [InlineData("""{"rev_id": 2001, "lang": "xx"}""", "lang 'xx' does not exist in the canonical Wikipedia language list.")]
    [InlineData("""{"instances": []}""", "The parameter instances is required.")]
    [InlineData("""{"instances": [{"rev_id": 1, "lang": "en"}, {"rev_id": 2, "lang": "de"}]}""", "Requesting multiple revisions should have the same language.")]
    [InlineData("""{"event": {"wiki_id": "enwiktionary", "meta": {"domain": "en.wiktionary.org"}, "revision": {"rev_id": 1}}}""",
        "This model is not recommended for use in projects outside of Wikipedia (e.g. Wiktionary, Wikinews, etc)")]
    [InlineData("""{"revision_data": {"id": -1, "lang": "en"}}""",
        "Missing some required fields. Required fields are `id`, `lang`, `text`, `timestamp`, `bytes`, `page.id`, `page.title`, `page.first_edit_timestamp`, `parent.id`, `parent.lang`, `parent.text`, `parent.timestamp`, `parent.bytes`, `user.id`")]
    public async Task Preprocess_InvalidInput_Returns400WithLiftWingMessage(string json, string message)
    {
        await using var model = await LoadAsync();

        var ex = await FailAsync(model, json);

        Assert.IsAssignableFrom<InvalidInputException>(ex);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(message, ex.Message);
        // Lift Wing raises these as FastAPI HTTPExceptions ({"detail"}); the others are KServe's InvalidInput ({"error"}).
        var detail = message.StartsWith("Language field", StringComparison.Ordinal) || message.StartsWith("lang '", StringComparison.Ordinal)
            || message.StartsWith("Requesting multiple", StringComparison.Ordinal) || message.StartsWith("This model", StringComparison.Ordinal)
            || message.StartsWith("Missing some", StringComparison.Ordinal);
        Assert.Equal(detail ? ErrorBodyStyle.FastApi : ErrorBodyStyle.KServe, ex.BodyStyle);
    }

    [Fact]
    public async Task Preprocess_TwentyOneInstances_Returns400()
    {
        await using var model = await LoadAsync();
        var instances = string.Join(",", Enumerable.Range(1, 21).Select(i => $$"""{"rev_id": {{i}}, "lang": "en"}"""));

        var ex = await FailAsync(model, $$"""{"instances": [{{instances}}]}""");

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("Only accept a maximum of 20 rev_ids in the request.", ex.Message);
        Assert.Equal(ErrorBodyStyle.FastApi, ex.BodyStyle);
    }

    [Fact]
    public async Task Preprocess_TestWiki_IsAcceptedAsEnglish()
    {
        await using var model = await LoadAsync();

        var ex = await FailAsync(model, """{"rev_id": 2001, "lang": "test"}""");

        // Valid language; the (emulated) test.wikipedia.org has no such revision.
        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("Could not make prediction for revisions dict_keys([(2001, 'test')]). Reason: ['revision_missing']", ex.Message);
        Assert.Equal(ErrorBodyStyle.FastApi, ex.BodyStyle);
    }

    [Theory]
    [InlineData(999999, "revision_missing")]
    [InlineData(2003, "revision_info_deleted")]
    [InlineData(2000, "parent_revision_missing")]
    public async Task Preprocess_UnavailableRevision_Returns422WithReason(long revId, string reason)
    {
        await using var model = await LoadAsync();

        var ex = await FailAsync(model, $$"""{"rev_id": {{revId}}, "lang": "en"}""");

        var upstream = Assert.IsType<UpstreamDataException>(ex);
        Assert.Equal(422, upstream.StatusCode);
        Assert.Equal(reason, upstream.Reason);
        Assert.Equal($"Could not make prediction for revisions dict_keys([({revId}, 'en')]). Reason: ['{reason}']", ex.Message);
    }

    [Fact]
    public async Task Preprocess_MediaWikiDown_Returns500WithLiftWingMessage()
    {
        var down = new MediaWikiRevisionSource(new MediaWikiActionClient(new HttpClient(new AlwaysFailingHandler()),
            new MediaWikiClientOptions { WikiUrl = new Uri("http://mw.test"), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1) }));
        await using var model = await LoadAsync(down);

        var ex = await FailAsync(model, """{"rev_id": 2001, "lang": "en"}""");

        Assert.IsType<InferenceException>(ex);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("An error happened while fetching info for revision from the MediaWiki API, please contact the ML-Team if the issue persists.", ex.Message);
    }

    [Fact]
    public async Task GetCacheKey_RevIdRequests_UseWikiAndRevision()
    {
        await using var model = await LoadAsync();

        Assert.Equal("enwiki:2001", model.GetCacheKey(Request("""{"rev_id": 2001, "lang": "en"}""")));
        Assert.Equal("enwiki:1,2", model.GetCacheKey(Request("""{"instances": [{"rev_id": 1, "lang": "en"}, {"rev_id": 2, "lang": "en"}]}""")));
        Assert.Null(model.GetCacheKey(Request("""{"rev_id": 2001, "lang": "enwiki"}""")));
        var a = model.GetCacheKey(Request(RevisionDataJson("a")));
        Assert.StartsWith("revision_data:", a, StringComparison.Ordinal);
        Assert.Equal(a, model.GetCacheKey(Request(RevisionDataJson("a"))));
        Assert.NotEqual(a, model.GetCacheKey(Request(RevisionDataJson("b"))));
    }

    private static string RevisionDataJson(string text) => JsonSerializer.Serialize(new
    {
        revision_data = new
        {
            id = -1, lang = "en", text, timestamp = "2022-02-15T04:30:00Z", bytes = 1,
            page = new { id = 1, title = "T", first_edit_timestamp = "2003-01-01T00:00:00Z" },
            parent = new { id = 1, lang = "en", text = "", timestamp = "2022-02-14T04:30:00Z", bytes = 0 },
            user = new { id = 5 },
        },
    });

    private static double P(JsonElement body) => body.GetProperty("output").GetProperty("probabilities").GetProperty("true").GetDouble();

    private sealed class AlwaysFailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));
    }
}
