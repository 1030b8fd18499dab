using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.ArticleQuality;
using LiftWing.FunctionalTests.Infrastructure;
using static LiftWing.FunctionalTests.Compatibility.CompatibilityJson;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// articlequality against Lift Wing's documented example (<c>lw:docs/article-quality-language-agnostic.yaml</c>) and its
/// <c>model.py</c> (liftwing-reference.md §1.3), on the recorded Parsoid HTML of enwiki revision 1321555271.
/// </summary>
public sealed class ArticleQualityCompatibilityTests(ArticleQualityServerFixture fixture) : IClassFixture<ArticleQualityServerFixture>
{
    private const string Predict = "v1/models/articlequality:predict";

    [Fact]
    public async Task DocumentedExample_ShortAnswer_KeysInLiftWingsOrderAndTypes()
    {
        var body = await HttpAssert.JsonAsync(await PostAsync(fixture.Client, Predict, """{"rev_id": 1321555271, "lang": "en"}"""), HttpStatusCode.OK);

        Assert.Equal(["score", "model_name", "model_version", "wiki_db", "revision_id"], Keys(body));
        Assert.Equal(JsonValueKind.Number, body.GetProperty("score").ValueKind);
        Assert.Equal("articlequality", body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        Assert.Equal("enwiki", body.GetProperty("wiki_db").GetString());
        Assert.Equal(1321555271, body.GetProperty("revision_id").GetInt64());
    }

    // model.py builds the dict as label, features, score, then model_name, model_version, wiki_db, revision_id.
    [Fact]
    public async Task ExtendedOutput_KeysInLiftWingsOrder()
    {
        var body = await HttpAssert.JsonAsync(
            await PostAsync(fixture.Client, Predict, """{"rev_id": 1321555271, "lang": "en", "extended_output": "true"}"""), HttpStatusCode.OK);

        Assert.Equal(["label", "features", "score", "model_name", "model_version", "wiki_db", "revision_id"], Keys(body));
        Assert.Equal(["raw", "normalized"], Keys(body.GetProperty("features")));
        string[] order = ["characters", "refs", "wikilinks", "categories", "media", "headings", "sources", "infobox", "messagebox"];
        Assert.Equal(order, Keys(body.GetProperty("features").GetProperty("raw")));
        Assert.Equal(order, Keys(body.GetProperty("features").GetProperty("normalized")));
        Assert.Contains(body.GetProperty("label").GetString(), new[] { "Stub", "Start", "C", "B", "GA", "FA" });
    }

    // Lift Wing echoes request.get("rev_id") as given: a string comes back a string.
    [Fact]
    public async Task StringRevId_IsAcceptedAndEchoedAsAString()
    {
        var asNumber = await HttpAssert.JsonAsync(await PostAsync(fixture.Client, Predict, """{"rev_id": 1321555271, "lang": "en"}"""), HttpStatusCode.OK);
        var asString = await HttpAssert.JsonAsync(await PostAsync(fixture.Client, Predict, """{"rev_id": "1321555271", "lang": "en"}"""), HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.String, asString.GetProperty("revision_id").ValueKind);
        Assert.Equal("1321555271", asString.GetProperty("revision_id").GetString());
        Assert.Equal(asNumber.GetProperty("score").GetDouble(), asString.GetProperty("score").GetDouble());
    }

    // Every wiki of Lift Wing's feature_values.tsv is served (cy and eu are outside the 13-wiki excerpt in the repo).
    [Theory]
    [InlineData("cy")]
    [InlineData("eu")]
    [InlineData("simple")]
    public async Task WikisOfTheFullTable_AreServed(string lang)
    {
        var json = JsonSerializer.Serialize(new { lang, html = "<section><p>Un testun byr gyda <a rel=\"mw:WikiLink\" href=\"./X\">dolen</a>.</p></section>" });

        var body = await HttpAssert.JsonAsync(await PostAsync(fixture.Client, Predict, json), HttpStatusCode.OK);

        Assert.Equal(lang + "wiki", body.GetProperty("wiki_db").GetString());
    }
}
