using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Models;

public sealed class LangIdEndpointTests(LangIdServerFixture fixture) : IClassFixture<LangIdServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Predict_GermanSentence_AnswersLikeLiftWingWithFastTextsScore()
    {
        var body = await HttpAssert.JsonAsync(
            await _client.PostAsync("v1/models/langid:predict", Json("""{"text":"Der schnelle braune Fuchs springt über den faulen Hund"}""")),
            HttpStatusCode.OK);

        Assert.Equal(["language", "wikicode", "languagename", "score"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("de", body.GetProperty("wikicode").GetString());
        Assert.Equal("German", body.GetProperty("languagename").GetString());
        Assert.Equal(0.973953, body.GetProperty("score").GetDouble(), 6);
    }

    [Fact]
    public async Task Predict_PublicPathAndCurlForm_Work()
    {
        var body = await HttpAssert.JsonAsync(
            await _client.PostAsync("service/lw/inference/v1/models/langid:predict", new StringContent("""{"text":"The quick brown fox jumps over the lazy dog"}""", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.OK);

        Assert.Equal("en", body.GetProperty("wikicode").GetString());
    }

    [Fact]
    public async Task Predict_Instances_ReturnsPredictionsInOrder()
    {
        var body = await HttpAssert.JsonAsync(
            await _client.PostAsync("v1/models/langid:predict", Json("""{"instances":[{"text":"こんにちは世界"},{"text":"Der schnelle braune Fuchs"},{"text":"Быстрая коричневая лиса"}]}""")),
            HttpStatusCode.OK);

        Assert.Equal(["ja", "de", "ru"], body.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("wikicode").GetString()));
    }

    [Theory]
    [InlineData("""{}""", "The parameter text is required.")]
    [InlineData("""{"text":""}""", "The parameter text is required.")]
    [InlineData("""{"text":123}""", "The input 'text' should be a string.")]
    [InlineData("""{"text":["a"]}""", "The input 'text' should be a string.")]
    [InlineData("""{"instances":[]}""", "The parameter instances should be a non-empty list.")]
    [InlineData("""{"text":"x","k":0}""", "The parameter k should be an integer between 1 and 176.")]
    [InlineData("""[1,2]""", "Please verify that request input is a json dict")]
    public async Task Predict_BadInput_Is400WithLiftWingMessage(string json, string message)
    {
        await HttpAssert.ErrorAsync(await _client.PostAsync("v1/models/langid:predict", Json(json)), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Predict_HugeText_IsCutAndAnswered()
    {
        var text = string.Concat(Enumerable.Repeat("Wikipedia ist eine freie Enzyklopädie. ", 5000));

        var body = await HttpAssert.JsonAsync(
            await _client.PostAsync("v1/models/langid:predict", Json(System.Text.Json.JsonSerializer.Serialize(new { text }))),
            HttpStatusCode.OK);

        Assert.Equal("de", body.GetProperty("wikicode").GetString());
    }

    [Fact]
    public async Task Predict_ConcurrentRequests_EachGetsTheAnswerToItsOwnText()
    {
        // Regression: the request body's memory was handed back to the pipe while the model still read it,
        // so under load a request could be answered from another request's bytes (or fail with 400/500).
        (string Text, string Code)[] cases =
        [
            ("Der schnelle braune Fuchs springt über den faulen Hund", "de"),
            ("The quick brown fox jumps over the lazy dog", "en"),
            ("Быстрая коричневая лиса перепрыгивает через ленивую собаку", "ru"),
            ("こんにちは世界、今日はいい天気ですね", "ja"),
        ];

        var failures = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var wrong = new List<string>();
            for (var i = 0; i < 150; i++)
            {
                var (text, code) = cases[(worker + i) % cases.Length];
                var response = await _client.PostAsync("v1/models/langid:predict", Json(System.Text.Json.JsonSerializer.Serialize(new { text })));
                var content = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !content.Contains($"\"wikicode\":\"{code}\"", StringComparison.Ordinal))
                {
                    wrong.Add($"{(int)response.StatusCode} for '{text}': {content}");
                }
            }

            return wrong;
        })));

        Assert.Empty(failures.SelectMany(f => f));
    }
}
