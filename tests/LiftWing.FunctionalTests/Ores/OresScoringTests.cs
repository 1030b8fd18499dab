using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Ores;

/// <summary>Per-score behaviour: the typing rule (ptwiki), features, per-score errors, the cache and concurrent upstream calls.</summary>
[Collection(OresCollection.Name)]
public sealed class OresScoringTests(OresServerFixture fixture)
{
    private FakeLiftWingUpstream Upstream => fixture.Upstream;

    private async Task<JsonElement> GetAsync(string url) =>
        await HttpAssert.JsonAsync(await fixture.Server.Client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.OK);

    private static string Revscoring(string context, string model, long revid, string version, string score, string? features = null) =>
        $"{{\"{context}\": {{\"models\": {{\"{model}\": {{\"version\": \"{version}\"}}}}, \"scores\": {{\"{revid}\": {{\"{model}\": {{\"score\": {score}"
        + (features is null ? "" : $", \"features\": {features}") + "}}}}}";

    [Fact]
    public async Task PtwikiClassOne_StaysTheString1_NotTrue()
    {
        // T358953: ores-legacy once emitted the ptwiki article-quality class "1" as true.
        const long revid = 70001;
        Upstream.Answer("ptwiki-articlequality", revid, 200, Revscoring("ptwiki", "articlequality", revid, "0.8.0",
            """{"prediction": "1", "probability": {"1": 0.6, "2": 0.1, "3": 0.1, "4": 0.1, "5": 0.05, "6": 0.05}}"""));

        var body = await GetAsync($"/v3/scores/ptwiki/{revid}/articlequality");

        var score = body.GetProperty("ptwiki").GetProperty("scores").GetProperty($"{revid}").GetProperty("articlequality").GetProperty("score");
        Assert.Equal(JsonValueKind.String, score.GetProperty("prediction").ValueKind);
        Assert.Equal("1", score.GetProperty("prediction").GetString());
        Assert.Equal(["1", "2", "3", "4", "5", "6"], score.GetProperty("probability").EnumerateObject().Select(p => p.Name));
        JsonDeep.Equal("""{"articlequality": {"version": "0.8.0"}}""", body.GetProperty("ptwiki").GetProperty("models"));
    }

    [Theory]
    [InlineData(71001, "\"false\"", "false")]
    [InlineData(71002, "\"True\"", "true")]
    [InlineData(71003, "true", "true")]
    [InlineData(71004, "\"FA\"", "\"FA\"")]
    [InlineData(71005, "\"0\"", "\"0\"")]
    [InlineData(71006, "[\"STEM.STEM*\", \"Culture.Biography.Biography*\"]", "[\"STEM.STEM*\", \"Culture.Biography.Biography*\"]")]
    public async Task Prediction_FollowsOresTypingRule(long revid, string upstream, string expected)
    {
        Upstream.Answer("ptwiki-damaging", revid, 200, Revscoring("ptwiki", "damaging", revid, "0.5.1",
            "{\"prediction\": " + upstream + ", \"probability\": {\"false\": 0.9, \"true\": 0.1}}"));

        var body = await GetAsync($"/v3/scores/ptwiki/{revid}/damaging");

        JsonDeep.Equal(JsonDocument.Parse(expected).RootElement,
            body.GetProperty("ptwiki").GetProperty("scores").GetProperty($"{revid}").GetProperty("damaging").GetProperty("score").GetProperty("prediction"));
    }

    [Fact]
    public async Task Features_PassLiftWingsExtendedOutputThrough()
    {
        const long revid = 72001;
        const string features = """{"feature.revision.user.is_anon": true, "feature.english.badwords.revision.diff.match_delta_increase": 0.0}""";
        Upstream.Answer("enwiki-damaging", revid, 200, Revscoring("enwiki", "damaging", revid, "0.5.1",
            """{"prediction": false, "probability": {"false": 0.9, "true": 0.1}}""", features));

        var with = await GetAsync($"/v3/scores/enwiki/{revid}/damaging?features");
        var without = await GetAsync($"/v3/scores/enwiki/{revid}/damaging?features=false");

        JsonDeep.Equal(features, with.GetProperty("enwiki").GetProperty("scores").GetProperty($"{revid}").GetProperty("damaging").GetProperty("features"));
        Assert.False(without.GetProperty("enwiki").GetProperty("scores").GetProperty($"{revid}").GetProperty("damaging").TryGetProperty("features", out _));
        Assert.Contains(Upstream.Calls, c => c.RevId == revid && c.ExtendedOutput);
        Assert.Contains(Upstream.Calls, c => c.RevId == revid && !c.ExtendedOutput);
    }

    [Fact]
    public async Task UpstreamCall_IsOresLegacysRequest()
    {
        const long revid = 73001;
        await GetAsync($"/v3/scores/enwiki/{revid}?models=damaging|goodfaith|articletopic");

        var calls = Upstream.Calls.Where(c => c.RevId == revid).OrderBy(c => c.Isvc, StringComparer.Ordinal).ToList();
        Assert.Equal(["enwiki-articletopic", "enwiki-damaging", "enwiki-goodfaith"], calls.Select(c => c.Isvc));
        Assert.Equal(
            ["enwiki-articletopic.revscoring-articletopic.wikimedia.org", "enwiki-damaging.revscoring-editquality-damaging.wikimedia.org", "enwiki-goodfaith.revscoring-editquality-goodfaith.wikimedia.org"],
            calls.Select(c => c.Host));
        Assert.All(calls, c => Assert.Equal("application/json", c.ContentType));
    }

    [Fact]
    public async Task MissingRevision_IsOresRevisionNotFound_WithCatalogueVersion()
    {
        var body = await GetAsync("/v3/scores/enwiki/74001/damaging");

        JsonDeep.Equal("""
            {"enwiki": {"models": {"damaging": {"version": "0.5.1"}},
              "scores": {"74001": {"damaging": {"error": {"message": "RevisionNotFound: Could not find revision ({revision}:74001)", "type": "RevisionNotFound"}}}}}}
            """, body);
    }

    [Fact]
    public async Task OtherUpstreamErrors_KeepMessageWithReasonPhraseAsType()
    {
        Upstream.Answer("enwiki-goodfaith", 75001, 500, """{"error": "An error happened while scoring the revision-id, please contact the ML-Team if the issue persists."}""");
        Upstream.Answer("enwiki-goodfaith", 75002, 400, """{"detail": "nope"}""");
        Upstream.Answer("enwiki-goodfaith", 75003, 404, "upstream connect error", "text/plain");

        var body = await GetAsync("/v3/scores/enwiki?models=goodfaith&revids=75001|75002|75003");

        JsonDeep.Equal("""
            {"enwiki": {"models": {"goodfaith": {"version": "0.5.1"}},
              "scores": {
                "75001": {"goodfaith": {"error": {"message": "An error happened while scoring the revision-id, please contact the ML-Team if the issue persists.", "type": "Internal Server Error"}}},
                "75002": {"goodfaith": {"error": {"message": "'error'", "type": "Bad Request"}}},
                "75003": {"goodfaith": {"error": {"message": "upstream connect error", "type": "Not Found"}}}}}}
            """, body);
        // 5xx answers are retried by the resilience handler (2 retries); 4xx are not.
        Assert.Equal(3, Upstream.Calls.Count(c => c.RevId == 75001));
        Assert.Equal(1, Upstream.Calls.Count(c => c.RevId == 75002));
    }

    [Fact]
    public async Task ModelWithoutLiftWingIsvc_AnswersMissingIsvcError()
    {
        var body = await GetAsync("/v3/scores/frwikisource/123");

        var models = body.GetProperty("frwikisource").GetProperty("models");
        JsonDeep.Equal("""
            {"frwikisource": {"models": {"pagelevel": {"version": "0.0.1"}},
              "scores": {"123": {"pagelevel": {"error": {"message": "Model with name frwikisource-pagelevel does not exist.", "type": "Not Found"}}}}}}
            """.Replace("0.0.1", models.GetProperty("pagelevel").GetProperty("version").GetString(), StringComparison.Ordinal), body);
        Assert.DoesNotContain(Upstream.Calls, c => c.Isvc.StartsWith("frwikisource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scores_ComeFromThePredictionCache_PerRevisionModelAndFeatures()
    {
        const long revid = 76001;
        const string catalogue = "enwiktionary"; // a context with `reverted`
        Upstream.Answer($"{catalogue}-reverted", revid, 200, Revscoring(catalogue, "reverted", revid, "0.5.0", """{"prediction": true, "probability": {"false": 0.2, "true": 0.8}}"""));

        var first = await GetAsync($"/v3/scores/{catalogue}/{revid}/reverted");
        var second = await GetAsync($"/v3/scores/{catalogue}/{revid}/reverted");
        var third = await GetAsync($"/v3/scores/{catalogue}/{revid}/reverted?features=true");

        JsonDeep.Equal(first, second);
        Assert.Equal(2, Upstream.Calls.Count(c => c.Isvc == $"{catalogue}-reverted" && c.RevId == revid));
        Assert.True(third.GetProperty(catalogue).GetProperty("scores").GetProperty($"{revid}").GetProperty("reverted").GetProperty("score").GetProperty("prediction").GetBoolean());
        // Errors are not cached: a missing revision asks upstream every time.
        await GetAsync($"/v3/scores/{catalogue}/76002/reverted");
        await GetAsync($"/v3/scores/{catalogue}/76002/reverted");
        Assert.Equal(2, Upstream.Calls.Count(c => c.RevId == 76002));
    }

    [Fact]
    public async Task RequestAtTheLimit_IsScoredWithConcurrentUpstreamCalls()
    {
        // 10 revisions × 2 models = 20 scores, the limit: all answered, and the calls overlapped upstream.
        var revids = Enumerable.Range(77001, 10).ToArray();
        await using var slow = new FakeLiftWingUpstream { Delay = TimeSpan.FromMilliseconds(300) };
        await using var server = await LiftWingTestServer.StartAsync(s =>
        {
            s.Only.Add("revertrisk-language-agnostic");
            s.Settings["LiftWing:Ores:Upstream"] = slow.BaseAddress.ToString();
        });

        using var response = await server.Client.GetAsync(new Uri($"/v3/scores/enwiki/?models=damaging|goodfaith&revids={string.Join('|', revids)}", UriKind.Relative));
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        var scores = body.GetProperty("enwiki").GetProperty("scores");
        Assert.Equal(revids.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)), scores.EnumerateObject().Select(p => p.Name));
        Assert.All(scores.EnumerateObject(), p => Assert.Equal(["damaging", "goodfaith"], p.Value.EnumerateObject().Select(m => m.Name)));
        Assert.Equal(20, slow.Calls.Count);
        Assert.True(slow.MaxInFlight > 1, $"upstream calls ran one at a time (max in flight {slow.MaxInFlight})");
    }
}
