using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.ArticleQuality;

/// <summary>POST /v1/models/articlequality:predict over real HTTP: the rev_id path (fixtures source) and the html path.</summary>
public sealed class ArticleQualityFunctionalTests(ArticleQualityServerFixture server) : IClassFixture<ArticleQualityServerFixture>
{
    private const string Predict = "v1/models/articlequality:predict";
    private const double SampleScore = 0.48602303912826583; // worked out by hand in docs/articlequality.md

    private static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> PostAsync(HttpClient client, HttpContent content)
    {
        using var response = await client.PostAsync(Predict, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    [Fact]
    public async Task Predict_RevId_AnswersLiftWingJson()
    {
        var (status, body, text) = await PostAsync(server.Client, JsonContent.Create(new { rev_id = 1321555271, lang = "en" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"score\":0.48602303912826583,\"model_name\":\"articlequality\",\"model_version\":\"1\",\"wiki_db\":\"enwiki\",\"revision_id\":1321555271}", text);
        Assert.Equal(SampleScore, body.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Predict_RevIdExtendedOutput_AddsLabelAndFeatures()
    {
        var (status, body, _) = await PostAsync(server.Client, JsonContent.Create(new { rev_id = 1321555271, lang = "en", extended_output = "true" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Start", body.GetProperty("label").GetString());
        Assert.Equal(5566, body.GetProperty("features").GetProperty("raw").GetProperty("characters").GetInt32());
        Assert.Equal(1, body.GetProperty("features").GetProperty("normalized").GetProperty("refs").GetInt32());
    }

    [Fact]
    public async Task Predict_Html_ScoresTheSentPage()
    {
        var html = await File.ReadAllTextAsync(TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html"));

        var (status, body, _) = await PostAsync(server.Client, JsonContent.Create(new { lang = "en", html }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SampleScore, body.GetProperty("score").GetDouble());
        Assert.False(body.TryGetProperty("revision_id", out _));
    }

    [Fact]
    public async Task Predict_Instances_AnswersInOrder()
    {
        var request = new { instances = new object[] { new { rev_id = 1321555271, lang = "en" }, new { rev_id = 2, lang = "en" } } };

        var (status, body, _) = await PostAsync(server.Client, JsonContent.Create(request));

        Assert.Equal(HttpStatusCode.OK, status);
        var predictions = body.GetProperty("predictions");
        Assert.Equal(SampleScore, predictions[0].GetProperty("score").GetDouble());
        Assert.Equal(422, predictions[1].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Predict_MissingRevision_Is422WithError()
    {
        var (status, body, _) = await PostAsync(server.Client, JsonContent.Create(new { rev_id = 123, lang = "en" }));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("does not exist", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"rev_id": 1321555271, "lang": "xx"}""", "Unsupported lang \"xx\"")]
    [InlineData("""{"rev_id": 1321555271}""", "Missing \"lang\"")]
    [InlineData("""{"rev_id": "1321555271x", "lang": "en"}""", "Expected \"rev_id\" to be an integer or a string of digits")]
    [InlineData("""{"rev_id": 1321555271, "lang": "en", "extended_output": "maybe"}""", "Expected \"extended_output\"")]
    [InlineData("""{"lang": "en", "html": "<section><div>no paragraphs</div></section>"}""", "The html has no paragraph text")]
    public async Task Predict_BadInput_Is400WithError(string json, string message)
    {
        var (status, body, _) = await PostAsync(server.Client, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(message, body.GetProperty("error").GetString());
    }
}
