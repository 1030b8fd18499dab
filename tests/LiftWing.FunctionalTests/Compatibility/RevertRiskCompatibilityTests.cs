using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using static LiftWing.FunctionalTests.Compatibility.CompatibilityJson;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// revertrisk-language-agnostic against Lift Wing's README transcript, its OpenAPI examples
/// (<c>lw:docs/revertrisk-language-agnostic.yaml</c>), <c>batch_model.py</c> (liftwing-reference.md §1.1) and the
/// recorded page_change events.
/// </summary>
public sealed class RevertRiskCompatibilityTests(RevertRiskCompatibilityFixture fixture) : IClassFixture<RevertRiskCompatibilityFixture>
{
    private const string Predict = "v1/models/revertrisk-language-agnostic:predict";

    private HttpClient Client => fixture.Server.Client;

    private static void AssertSingleShape(JsonElement p, JsonValueKind revisionIdKind)
    {
        Assert.Equal(["model_name", "model_version", "wiki_db", "revision_id", "output"], Keys(p));
        Assert.Equal("revertrisk-language-agnostic", p.GetProperty("model_name").GetString());
        Assert.Equal(JsonValueKind.String, p.GetProperty("model_version").ValueKind);
        Assert.Equal("enwiki", p.GetProperty("wiki_db").GetString());
        Assert.Equal(revisionIdKind, p.GetProperty("revision_id").ValueKind);
        var output = p.GetProperty("output");
        Assert.Equal(["prediction", "probabilities"], Keys(output));
        Assert.Contains(output.GetProperty("prediction").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        var probabilities = output.GetProperty("probabilities");
        Assert.Equal(["true", "false"], Keys(probabilities));
        Assert.Equal(1 - probabilities.GetProperty("true").GetDouble(), probabilities.GetProperty("false").GetDouble(), 12);
    }

    // README transcript: {"rev_id": 12345, "lang": "en"}.
    [Fact]
    public async Task ReadmeExample_SingleRevision()
    {
        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, """{"rev_id": 12345, "lang": "en"}"""), HttpStatusCode.OK);

        AssertSingleShape(body, JsonValueKind.Number);
        Assert.Equal(12345, body.GetProperty("revision_id").GetInt64());
    }

    // OpenAPI "single" example.
    [Fact]
    public async Task OpenApiExample_Single()
    {
        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, """{"rev_id": 123456789, "lang": "en"}"""), HttpStatusCode.OK);

        AssertSingleShape(body, JsonValueKind.Number);
        Assert.Equal(123456789, body.GetProperty("revision_id").GetInt64());
    }

    // OpenAPI "batch" example: predictions in request order.
    [Fact]
    public async Task OpenApiExample_Batch()
    {
        var body = await HttpAssert.JsonAsync(
            await PostAsync(Client, Predict, """{"instances": [{"rev_id": 123456789, "lang": "en"}, {"rev_id": 987654321, "lang": "en"}]}"""), HttpStatusCode.OK);

        Assert.Equal(["predictions"], Keys(body));
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.All(predictions, p => AssertSingleShape(p, JsonValueKind.Number));
        Assert.Equal([123456789L, 987654321L], predictions.Select(p => p.GetProperty("revision_id").GetInt64()));
    }

    // Lift Wing passes rev_id through untyped: the answer's revision_id is the string the client sent.
    [Fact]
    public async Task StringRevId_IsEchoedAsAString()
    {
        var asNumber = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, """{"rev_id": 12345, "lang": "en"}"""), HttpStatusCode.OK);
        var asString = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, """{"rev_id": "12345", "lang": "en"}"""), HttpStatusCode.OK);

        AssertSingleShape(asString, JsonValueKind.String);
        Assert.Equal("12345", asString.GetProperty("revision_id").GetString());
        Assert.Equal(asNumber.GetProperty("output").GetRawText(), asString.GetProperty("output").GetRawText());
    }

    // batch_model.py keys results by (rev_id, lang) in a dict: a repeated revision is answered once, at its first place.
    [Fact]
    public async Task SameRevisionTwice_OnePredictionPerDistinctRevision_InFirstSeenOrder()
    {
        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict,
            """{"instances": [{"rev_id": 987654321, "lang": "en"}, {"rev_id": 12345, "lang": "en"}, {"rev_id": 987654321, "lang": "en"}]}"""), HttpStatusCode.OK);

        Assert.Equal([987654321L, 12345L], body.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("revision_id").GetInt64()));
    }

    // In Python 12345 and "12345" are different dict keys: both are answered, each with its own type.
    [Fact]
    public async Task SameRevisionAsNumberAndString_TwoPredictions()
    {
        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict,
            """{"instances": [{"rev_id": 12345, "lang": "en"}, {"rev_id": "12345", "lang": "en"}]}"""), HttpStatusCode.OK);

        var ids = body.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("revision_id")).ToList();
        Assert.Equal([JsonValueKind.Number, JsonValueKind.String], ids.Select(i => i.ValueKind));
    }

    // The limit counts the instances as sent (Lift Wing checks while appending, before the dict merges repeats).
    [Fact]
    public async Task TwentyOneInstances_EvenOfOneRevision_Is400()
    {
        var instances = Enumerable.Repeat(new { rev_id = 12345, lang = "en" }, 21);

        var text = await ErrorTextAsync(await PostAsync(Client, Predict, new { instances }), HttpStatusCode.BadRequest);

        Assert.Equal("Only accept a maximum of 20 rev_ids in the request.", text);
    }

    // Every revision failed: 422 with Python's reprs, a string id quoted as Python prints it.
    [Theory]
    [InlineData("""{"rev_id": 55555, "lang": "en"}""", "Could not make prediction for revisions dict_keys([(55555, 'en')]). Reason: ['revision_missing']")]
    [InlineData("""{"rev_id": "55555", "lang": "en"}""", "Could not make prediction for revisions dict_keys([('55555', 'en')]). Reason: ['revision_missing']")]
    public async Task MissingRevision_Is422WithLiftWingsText(string json, string message)
    {
        Assert.Equal(message, await ErrorTextAsync(await PostAsync(Client, Predict, json), (HttpStatusCode)422));
    }

    // The recorded enwiki page_change request body.
    [Fact]
    public async Task RecordedEnwikiPageChangeEvent_AnsweredInTheSingleShape()
    {
        var payload = await File.ReadAllTextAsync(TestPaths.SharedData("liftwing", "events", "enwiki_page_change_payload.json"));

        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, payload), HttpStatusCode.OK);

        AssertSingleShape(body, JsonValueKind.Number);
        Assert.Equal(1319367938, body.GetProperty("revision_id").GetInt64());
    }

    // The recorded wikidata page_change event: not a Wikipedia.
    [Fact]
    public async Task RecordedWikidataPageChangeEvent_Is400NotWikipedia()
    {
        var payload = await File.ReadAllTextAsync(TestPaths.SharedData("liftwing", "events", "wikidata_page_change_event.json"));

        var text = await ErrorTextAsync(await PostAsync(Client, Predict, payload), HttpStatusCode.BadRequest);

        Assert.Equal("This model is not recommended for use in projects outside of Wikipedia (e.g. Wiktionary, Wikinews, etc)", text);
    }

    // The reference's 400s, by text.
    [Theory]
    [InlineData("""{"rev_id": 12345}""", "The parameter lang is required.")]
    [InlineData("""{"lang": "en"}""", "The parameter rev_id is required.")]
    [InlineData("""{"rev_id": 12345, "lang": "enwiki"}""", "Language field should not have a 'wiki' suffix, i.e. use 'en', not 'enwiki'")]
    [InlineData("""{"rev_id": 12345, "lang": "xx"}""", "lang 'xx' does not exist in the canonical Wikipedia language list.")]
    [InlineData("""{"instances": [{"rev_id": 12345, "lang": "en"}, {"rev_id": 1, "lang": "de"}]}""", "Requesting multiple revisions should have the same language.")]
    public async Task DocumentedErrors_Are400WithLiftWingsText(string json, string message)
    {
        Assert.Equal(message, await ErrorTextAsync(await PostAsync(Client, Predict, json), HttpStatusCode.BadRequest));
    }

    // The recorded event with its rev_id as a string: the answer echoes the string.
    [Fact]
    public async Task RecordedEvent_StringRevId_EchoedAsString()
    {
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(TestPaths.SharedData("liftwing", "events", "enwiki_page_change_payload.json")))!;
        payload["event"]!["revision"]!["rev_id"] = "1319367938";

        var body = await HttpAssert.JsonAsync(await PostAsync(Client, Predict, payload.ToJsonString()), HttpStatusCode.OK);

        Assert.Equal("1319367938", body.GetProperty("revision_id").GetString());
    }
}
