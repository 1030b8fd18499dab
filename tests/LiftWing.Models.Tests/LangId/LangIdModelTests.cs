using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.LangId;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.LangId;

public sealed class LangIdModelTests(LangIdModelFixture fixture) : IClassFixture<LangIdModelFixture>
{
    private readonly IModel _model = fixture.Model;

    [Fact]
    public async Task Predict_GermanSentence_IsGermanWithFastTextsScore()
    {
        using var doc = await PredictAsync("""{"text": "Der schnelle braune Fuchs springt über den faulen Hund"}""");
        var root = doc.RootElement;

        Assert.Equal(["language", "wikicode", "languagename", "score"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deu_Latn", root.GetProperty("language").GetString());
        Assert.Equal("de", root.GetProperty("wikicode").GetString());
        Assert.Equal("German", root.GetProperty("languagename").GetString());
        Assert.Equal(0.973953, root.GetProperty("score").GetDouble(), 6);
    }

    [Fact]
    public async Task Predict_LangIdInputAfterPreprocessing_MatchesFastTextCli()
    {
        var raw = File.ReadAllLines(TestPaths.SharedData("liftwing", "wrk", "langid.input"))
            .Concat(["  Ein   Satz\tauf\nDeutsch  ", "Cantonese 你好嗎 我哋去食飯", "Wikipedia est une encyclopédie universelle, multilingue, créée par Jimmy Wales et Larry Sanger"]);
        var texts = raw.Select(t => LangIdText.Preprocess(t, 100)).ToList();
        var expected = FastTextCli.PredictProb(fixture.ModelPath, texts, 2);
        var table = LangIdLanguageTable.Load(Path.Combine(TestPaths.Models, "langid", "languages.tsv"));

        var i = 0;
        foreach (var text in raw)
        {
            using var doc = await PredictAsync(JsonSerializer.Serialize(new { text, k = 2 }));
            var top = doc.RootElement.GetProperty("top_k");
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(table[expected[i][j].Label].Language, top[j].GetProperty("language").GetString());
                Assert.Equal(expected[i][j].Probability, top[j].GetProperty("score").GetDouble(), 4);
            }

            i++;
        }
    }

    [Fact]
    public async Task Predict_Batch_ReturnsPredictionsInInputOrder()
    {
        using var doc = await PredictAsync("""{"instances": [{"text": "Der schnelle braune Fuchs"}, {"text": "The quick brown fox jumps over the lazy dog"}, {"text": "こんにちは世界"}]}""");

        var codes = doc.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("wikicode").GetString());
        Assert.Equal(["de", "en", "ja"], codes);
    }

    [Fact]
    public async Task Predict_WithK_AddsTopKBestFirst()
    {
        using var doc = await PredictAsync("""{"text": "The quick brown fox jumps over the lazy dog", "k": 3}""");

        var top = doc.RootElement.GetProperty("top_k").EnumerateArray().ToList();
        Assert.Equal(3, top.Count);
        Assert.Equal(["eng_Latn", "spa_Latn"], top.Take(2).Select(t => t.GetProperty("language").GetString()));
        Assert.Equal(0.720584, top[0].GetProperty("score").GetDouble(), 5);
        Assert.True(top[1].GetProperty("score").GetDouble() >= top[2].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Predict_LabelsAreLiftWingsRowsOrTheModelsOwn()
    {
        using var doc = await PredictAsync("""{"text": "你好嗎 我哋去食飯 佢哋喺度做緊嘢", "k": 176}""");
        var top = doc.RootElement.GetProperty("top_k").EnumerateArray().ToDictionary(t => t.GetProperty("language").GetString()!);

        // Lift Wing's own row for Cantonese has no wikicode; lid.176's own label is never answered where Lift Wing has one.
        Assert.Equal(("", "Yue"), (top["yue_Hant"].GetProperty("wikicode").GetString(), top["yue_Hant"].GetProperty("languagename").GetString()));
        Assert.Equal(("zh", "Chinese(Traditional)"), (top["zho_Hant"].GetProperty("wikicode").GetString(), top["zho_Hant"].GetProperty("languagename").GetString()));
        Assert.DoesNotContain("yue", top.Keys);
        Assert.DoesNotContain("zh", top.Keys);
    }

    [Theory]
    [InlineData("""{}""", "The parameter text is required.")]
    [InlineData("""{"text": ""}""", "The parameter text is required.")]
    [InlineData("""{"text": null}""", "The parameter text is required.")]
    [InlineData("""{"text": 0}""", "The parameter text is required.")]
    [InlineData("""{"text": []}""", "The parameter text is required.")]
    [InlineData("""{"text": 42}""", "The input 'text' should be a string.")]
    [InlineData("""{"text": true}""", "The input 'text' should be a string.")]
    [InlineData("""{"text": ["a"]}""", "The input 'text' should be a string.")]
    [InlineData("""{"text": {"a": 1}}""", "The input 'text' should be a string.")]
    [InlineData("""{"instances": []}""", "The parameter instances should be a non-empty list.")]
    [InlineData("""{"instances": "x"}""", "The parameter instances should be a non-empty list.")]
    [InlineData("""{"instances": [{"text": "ok"}, {"txt": "x"}]}""", "The parameter text is required.")]
    [InlineData("""{"instances": [1]}""", "Each instance should be a json dict with a text.")]
    [InlineData("""{"text": "x", "k": 0}""", "The parameter k should be an integer between 1 and 176.")]
    [InlineData("""{"text": "x", "k": 177}""", "The parameter k should be an integer between 1 and 176.")]
    [InlineData("""{"text": "x", "k": "2"}""", "The parameter k should be an integer between 1 and 176.")]
    [InlineData("""{"text": "x", "k": 1.5}""", "The parameter k should be an integer between 1 and 176.")]
    public async Task Preprocess_InvalidInput_ThrowsLiftWingMessage(string body, string message)
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => PredictAsync(body));

        Assert.Equal(message, ex.Message);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task Preprocess_TooManyInstances_Refused()
    {
        var body = JsonSerializer.Serialize(new { instances = Enumerable.Range(0, 101).Select(i => new { text = "t" + i }) });

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => PredictAsync(body));

        Assert.Contains("limit is 100", ex.Message);
    }

    [Fact]
    public async Task Predict_WhitespaceOnlyText_PredictsLikeFastTextOnAnEmptyLine()
    {
        using var doc = await PredictAsync("""{"text": " \n\t "}""");

        Assert.Equal("eng_Latn", doc.RootElement.GetProperty("language").GetString());
        Assert.Equal(0.124504, doc.RootElement.GetProperty("score").GetDouble(), 5);
    }

    [Fact]
    public void GetCacheKey_SamePreprocessedText_SameKey()
    {
        var a = _model.GetCacheKey(Request("""{"text": "Hallo   Welt"}"""));
        var b = _model.GetCacheKey(Request("""{"text": " Hallo\tWelt\n"}"""));
        var c = _model.GetCacheKey(Request("""{"text": "Hallo Welt", "k": 2}"""));
        var d = _model.GetCacheKey(Request("""{"text": "Hallo Welt!"}"""));

        Assert.NotNull(a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
        Assert.Null(_model.GetCacheKey(Request("""{"text": 5}""")));
    }

    private static InferenceRequest Request(string json) =>
        new() { ModelName = "langid", Body = JsonDocument.Parse(json).RootElement.Clone() };

    private async Task<JsonDocument> PredictAsync(string json)
    {
        var request = Request(json);
        var input = await _model.PreprocessAsync(request, CancellationToken.None);
        var output = await _model.PredictAsync(input, request, CancellationToken.None);
        var response = await _model.PostprocessAsync(output, request, CancellationToken.None);
        return JsonDocument.Parse(response.Json);
    }
}
