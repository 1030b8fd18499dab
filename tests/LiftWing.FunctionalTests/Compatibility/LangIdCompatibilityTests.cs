using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.FunctionalTests.Models;
using static LiftWing.FunctionalTests.Compatibility.CompatibilityJson;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>langid against Lift Wing's documented examples (liftwing-reference.md §1.5, <c>lw:docs/langid.yaml</c> and its example files).</summary>
public sealed class LangIdCompatibilityTests(LangIdServerFixture fixture) : IClassFixture<LangIdServerFixture>
{
    private const string Predict = "v1/models/langid:predict";

    // lw:docs/examples/langid-req.json; the response example (and the reference's) names eng_Latn / en / English.
    [Fact]
    public async Task DocumentedExample_EnglishSentence_IsEngLatnWithLiftWingsFieldsInOrder()
    {
        var body = await HttpAssert.JsonAsync(
            await PostAsync(fixture.Client, Predict, """{"text": "Wikipedia is a free online encyclopedia that anyone can edit."}"""), HttpStatusCode.OK);

        Assert.Equal(["language", "wikicode", "languagename", "score"], Keys(body));
        Assert.Equal("eng_Latn", body.GetProperty("language").GetString());
        Assert.Equal("en", body.GetProperty("wikicode").GetString());
        Assert.Equal("English", body.GetProperty("languagename").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("score").ValueKind);
        Assert.InRange(body.GetProperty("score").GetDouble(), 0.5, 1.0);
    }

    // Labels come from Lift Wing's table, its quirks included: Persian is "Western", Khmer's wikicode is "kh".
    [Theory]
    [InlineData("Der schnelle braune Fuchs springt über den faulen Hund", "deu_Latn", "de", "German")]
    [InlineData("Le renard brun rapide saute par-dessus le chien paresseux", "fra_Latn", "fr", "French")]
    [InlineData("Быстрая коричневая лиса прыгает через ленивую собаку", "rus_Cyrl", "ru", "Russian")]
    [InlineData("روباه قهوه‌ای سریع از روی سگ تنبل می‌پرد و به جنگل می‌رود", "pes_Arab", "fa", "Western")]
    [InlineData("ウィキペディアは誰でも編集できるフリーの百科事典です", "jpn_Jpan", "ja", "Japanese")]
    public async Task LiftWingVocabulary_LabelWikicodeAndNameFromLiftWingsTable(string text, string language, string wikicode, string name)
    {
        var body = await HttpAssert.JsonAsync(await PostAsync(fixture.Client, Predict, new { text }), HttpStatusCode.OK);

        Assert.Equal((language, wikicode, name), (body.GetProperty("language").GetString(), body.GetProperty("wikicode").GetString(), body.GetProperty("languagename").GetString()));
    }

    // The reference's error table for langid.
    [Theory]
    [InlineData("""{}""", "The parameter text is required.")]
    [InlineData("""{"text": ""}""", "The parameter text is required.")]
    [InlineData("""{"text": 5}""", "The input 'text' should be a string.")]
    public async Task DocumentedErrors_Are400WithLiftWingsText(string json, string message)
    {
        Assert.Equal(message, await ErrorTextAsync(await PostAsync(fixture.Client, Predict, json), HttpStatusCode.BadRequest));
    }
}
