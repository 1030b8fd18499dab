using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.ArticleQuality;

/// <summary>The model server in process: Lift Wing's JSON for the rev_id and html forms, batches and every bad input.</summary>
public sealed class ArticleQualityModelTests
{
    private const double SampleScore = 0.48602303912826583; // hand computation: ArticleQualityScorerTests

    private static readonly string s_sampleHtml = File.ReadAllText(ArticleQualityTestHost.SampleHtmlPath);

    [Fact]
    public async Task Predict_RevIdFromFixtures_AnswersLiftWingShape()
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var json = await ArticleQualityTestHost.PredictAsync(model, """{"rev_id": 1321555271, "lang": "en"}""");

        // The same digits as Python's repr of the hand computation (both use glibc's exp/log and IEEE doubles).
        Assert.StartsWith("{\"score\":0.48602303912826583,", json);
        Assert.EndsWith(",\"model_name\":\"articlequality\",\"model_version\":\"1\",\"wiki_db\":\"enwiki\",\"revision_id\":1321555271}", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(SampleScore, doc.RootElement.GetProperty("score").GetDouble(), 1e-12);
        Assert.Equal(5, doc.RootElement.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("\"True\"")]
    [InlineData("\"yes\"")]
    [InlineData("\"1\"")]
    [InlineData("true")]
    public async Task Predict_ExtendedOutput_AddsLabelAndFeatures(string flag)
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var json = await ArticleQualityTestHost.PredictAsync(model, $$"""{"rev_id": 1321555271, "lang": "en", "extended_output": {{flag}}}""");

        // Lift Wing's order: label and features first, then score and the fixed keys.
        Assert.StartsWith("{\"label\":\"Start\",\"features\":{\"raw\":{\"characters\":5566,\"refs\":52,\"wikilinks\":60,"
            + "\"categories\":7,\"media\":0,\"headings\":9,\"sources\":19,\"infobox\":true,\"messagebox\":false},\"normalized\":{", json);
        // Capped values stay Python ints, the others are floats (0.0, not 0).
        Assert.Contains("\"refs\":1,", json);
        Assert.Contains("\"media\":0.0,", json);
        Assert.Contains("\"sources\":1,\"infobox\":true,\"messagebox\":false}},\"score\":", json);
        Assert.EndsWith("\"wiki_db\":\"enwiki\",\"revision_id\":1321555271}", json);
        using var doc = JsonDocument.Parse(json);
        var normalized = doc.RootElement.GetProperty("features").GetProperty("normalized");
        Assert.Equal(0.7726694812222563, normalized.GetProperty("characters").GetDouble(), 1e-12);
        Assert.Equal(0.681165494774202, normalized.GetProperty("wikilinks").GetDouble(), 1e-12);
        Assert.Equal(0.4666666666666667, normalized.GetProperty("categories").GetDouble(), 1e-12);
        Assert.Equal(0.7765286640425902, normalized.GetProperty("headings").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("\"false\"")]
    [InlineData("\"False\"")]
    [InlineData("false")]
    [InlineData("null")]
    public async Task Predict_ExtendedOutputOff_IsTheShortAnswer(string flag)
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var json = await ArticleQualityTestHost.PredictAsync(model, $$"""{"rev_id": 1321555271, "lang": "en", "extended_output": {{flag}}}""");

        Assert.DoesNotContain("label", json);
    }

    [Fact]
    public async Task Predict_Html_ScoresTheSentHtmlWithoutRevisionId()
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();
        var body = JsonSerializer.Serialize(new { lang = "en", html = s_sampleHtml, extended_output = true });

        var json = await ArticleQualityTestHost.PredictAsync(model, body);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(SampleScore, doc.RootElement.GetProperty("score").GetDouble(), 1e-12);
        Assert.Equal("enwiki", doc.RootElement.GetProperty("wiki_db").GetString());
        Assert.Equal("Start", doc.RootElement.GetProperty("label").GetString());
        Assert.False(doc.RootElement.TryGetProperty("revision_id", out _));
    }

    [Fact]
    public async Task Predict_HtmlScoredAsAnotherWiki_UsesThatWikisMaxima()
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var en = await ArticleQualityTestHost.PredictAsync(model, JsonSerializer.Serialize(new { lang = "en", html = s_sampleHtml }));
        var sv = await ArticleQualityTestHost.PredictAsync(model, JsonSerializer.Serialize(new { lang = "sv", html = s_sampleHtml }));

        Assert.Contains("\"wiki_db\":\"svwiki\"", sv);
        Assert.NotEqual(JsonDocument.Parse(en).RootElement.GetProperty("score").GetDouble(), JsonDocument.Parse(sv).RootElement.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Predict_Instances_AnswersInOrderWithPerItemErrors()
    {
        await using var model = await ArticleQualityTestHost.LoadAsync(maxInstances: 10);
        var body = JsonSerializer.Serialize(new
        {
            instances = new object[]
            {
                new { rev_id = 1321555271, lang = "en" },
                new { rev_id = 1, lang = "en" },
                new { rev_id = 1321555271, lang = "xx" },
                new { lang = "en", html = "<section><p>A short draft.</p></section>", extended_output = "true" },
            },
        });

        var json = await ArticleQualityTestHost.PredictAsync(model, body);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("articlequality", doc.RootElement.GetProperty("model_name").GetString());
        var predictions = doc.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(4, predictions.Count);
        Assert.Equal(SampleScore, predictions[0].GetProperty("score").GetDouble(), 1e-12);
        Assert.Equal(422, predictions[1].GetProperty("status").GetInt32());
        Assert.Contains("does not exist", predictions[1].GetProperty("error").GetString());
        Assert.Equal(400, predictions[2].GetProperty("status").GetInt32());
        Assert.Contains("Unsupported lang \"xx\"", predictions[2].GetProperty("error").GetString());
        Assert.Equal("Stub", predictions[3].GetProperty("label").GetString());
        Assert.Equal(14, predictions[3].GetProperty("features").GetProperty("raw").GetProperty("characters").GetInt32());
    }

    [Theory]
    [InlineData("""[]""", "Please verify that request input is a json dict")]
    [InlineData("""{}""", "Missing \"lang\" in input data.")]
    [InlineData("""{"rev_id": 1}""", "Missing \"lang\" in input data.")]
    [InlineData("""{"lang": "en"}""", "Missing \"rev_id\" in input data (or send \"html\" to score Parsoid HTML).")]
    [InlineData("""{"lang": 5, "rev_id": 1}""", "Expected \"lang\" to be a non-empty string such as \"en\" (got the number 5).")]
    [InlineData("""{"lang": "", "rev_id": 1}""", "Expected \"lang\" to be a non-empty string")]
    [InlineData("""{"lang": "xx", "rev_id": 1}""", "Unsupported lang \"xx\": the articlequality model has no feature maxima for xxwiki.")]
    [InlineData("""{"lang": "enwiki", "rev_id": 1}""", "Unsupported lang \"enwiki\"")]
    [InlineData("""{"lang": "en", "rev_id": "12a"}""", "Expected \"rev_id\" to be an integer or a string of digits (got the string \"12a\").")]
    [InlineData("""{"lang": "en", "rev_id": "0"}""", "Expected \"rev_id\" to be an integer or a string of digits (got the string \"0\").")]
    [InlineData("""{"lang": "en", "rev_id": 1.5}""", "Expected \"rev_id\" to be an integer (got the number 1.5).")]
    [InlineData("""{"lang": "en", "rev_id": 99999999999999999999}""", "Expected \"rev_id\" to be an integer")]
    [InlineData("""{"lang": "en", "rev_id": 0}""", "\"rev_id\" must be a positive integer (got 0).")]
    [InlineData("""{"lang": "en", "rev_id": 1, "extended_output": "maybe"}""", "Expected \"extended_output\" to be a boolean or one of \"true\"/\"false\" (got the string \"maybe\").")]
    [InlineData("""{"lang": "en", "rev_id": 1, "extended_output": 1}""", "Expected \"extended_output\" to be a boolean")]
    [InlineData("""{"lang": "en", "rev_id": 1, "html": "<p>x</p>"}""", "Send either \"rev_id\"")]
    [InlineData("""{"lang": "en", "html": ""}""", "Expected \"html\" to be a non-empty string of Parsoid HTML.")]
    [InlineData("""{"lang": "en", "html": ["<p>"]}""", "Expected \"html\" to be a non-empty string")]
    [InlineData("""{"lang": "en", "html": "<section><div>a box, no paragraph</div></section>"}""", "The html has no paragraph text to score (lang en).")]
    [InlineData("""{"instances": {}}""", "Expected \"instances\" to be a list of request objects.")]
    [InlineData("""{"instances": []}""", "\"instances\" must not be empty.")]
    [InlineData("""{"instances": [1, 2, 3, 4]}""", "Too many instances: 4 (the limit is 3).")]
    public async Task Predict_BadInput_Is400WithMessage(string body, string message)
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => ArticleQualityTestHost.PredictAsync(model, body));

        Assert.Equal(400, ex.StatusCode);
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public async Task Predict_MissingRevision_Is422NotA500()
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => ArticleQualityTestHost.PredictAsync(model, """{"rev_id": 123, "lang": "en"}"""));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("Fetching html failed for the article revision with id: 123. Reason: the revision does not exist in the enwiki fixtures.", ex.Message);
    }

    [Fact]
    public async Task Predict_LiveSourceThroughWikiUrl_FetchesWithHostHeader()
    {
        await using var wiki = new LoopbackHttpServer(CannedResponse.Text(200, "OK", s_sampleHtml));
        await using var model = await ArticleQualityTestHost.LoadAsync(source: "live", wikiUrl: wiki.BaseAddress.ToString());

        var json = await ArticleQualityTestHost.PredictAsync(model, """{"rev_id": 1321555271, "lang": "en"}""");

        Assert.Equal(SampleScore, JsonDocument.Parse(json).RootElement.GetProperty("score").GetDouble(), 1e-12);
        var request = Assert.Single(wiki.Requests);
        Assert.Equal("/w/rest.php/v1/revision/1321555271/html", request.Target);
        Assert.Equal("en.wikipedia.org", request.Headers["Host"]);
        Assert.Equal("LiftWing articlequality model", request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task Predict_LiveSourceAndWikiDown_Is502()
    {
        await using var wiki = new LoopbackHttpServer(CannedResponse.Text(503, "Service Unavailable", ""));
        await using var model = await ArticleQualityTestHost.LoadAsync(source: "live", wikiUrl: wiki.BaseAddress.ToString());

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => ArticleQualityTestHost.PredictAsync(model, """{"rev_id": 5, "lang": "de"}"""));

        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("de.wikipedia.org answered 503", ex.Message);
        Assert.Equal(2, wiki.Requests.Count);
    }

    [Theory]
    [InlineData("""{"rev_id": 1321555271, "lang": "en"}""", "enwiki:1321555271:false")]
    [InlineData("""{"rev_id": 1321555271, "lang": "en", "extended_output": "True"}""", "enwiki:1321555271:true")]
    [InlineData("""{"rev_id": 7, "lang": "de", "extended_output": false}""", "dewiki:7:false")]
    [InlineData("""{"rev_id": "7", "lang": "de"}""", "dewiki:\"7\":false")]
    [InlineData("""{"rev_id": "7x", "lang": "de"}""", null)]
    [InlineData("""{"rev_id": 7, "lang": "de", "extended_output": "maybe"}""", null)]
    [InlineData("""{"instances": [{"rev_id": 7, "lang": "de"}]}""", null)]
    [InlineData("""{"lang": "de"}""", null)]
    public async Task GetCacheKey_RevisionRequests_AreWikiRevAndFlag(string body, string? key)
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        Assert.Equal(key, model.GetCacheKey(ArticleQualityTestHost.Request(body)));
    }

    [Fact]
    public async Task GetCacheKey_HtmlRequests_HashTheHtml()
    {
        await using var model = await ArticleQualityTestHost.LoadAsync();

        var a = model.GetCacheKey(ArticleQualityTestHost.Request("""{"lang": "en", "html": "<p>a</p>"}"""));
        var b = model.GetCacheKey(ArticleQualityTestHost.Request("""{"lang": "en", "html": "<p>b</p>"}"""));
        var a2 = model.GetCacheKey(ArticleQualityTestHost.Request("""{"lang": "en", "html": "<p>a</p>", "extended_output": "false"}"""));

        Assert.Matches("^html:enwiki:false:[0-9a-f]{64}$", a);
        Assert.NotEqual(a, b);
        Assert.Equal(a, a2);
    }
}
