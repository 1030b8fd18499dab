using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Models;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Ores;

/// <summary>
/// Beyond ores-legacy: revert risk served in process under ORES, and ORES's threshold queries answered from the
/// threshold table its training ships (out-of-fold predictions of the cross-validation).
/// </summary>
[Collection(OresCollection.Name)]
public sealed class OresThresholdTests(OresServerFixture fixture)
{
    private static readonly ThresholdTable Table =
        ThresholdTable.TryLoad(Path.Combine(TestPaths.Models, "revertrisk-language-agnostic", ThresholdTable.FileName))!;

    private async Task<JsonElement> GetAsync(string url, HttpStatusCode status = HttpStatusCode.OK) =>
        await HttpAssert.JsonAsync(await fixture.Server.Client.GetAsync(new Uri(url, UriKind.Relative)), status);

    private static JsonElement Thresholds(JsonElement body) =>
        body.GetProperty("enwiki").GetProperty("models").GetProperty("revertrisk").GetProperty("statistics").GetProperty("thresholds").GetProperty("true");

    [Fact]
    public async Task MaximumRecallAtPrecision_IsTheBestQualifyingRowOfTheHeldOutTable()
    {
        var query = Uri.EscapeDataString("statistics.thresholds.true.\"maximum recall @ precision >= 0.5\"");
        var body = await GetAsync($"/v3/scores/enwiki/?models=revertrisk&model_info={query}");

        // Brute force over the table: precision = tp/(tp+fp) ≥ 0.5, largest recall, ties to the larger threshold.
        var best = Table.Rows
            .Where(r => r.TruePositives + r.FalsePositives > 0 && (double)r.TruePositives / (r.TruePositives + r.FalsePositives) >= 0.5)
            .OrderByDescending(r => (double)r.TruePositives / (r.TruePositives + r.FalseNegatives)).ThenByDescending(r => r.Threshold).First();
        var element = Assert.Single(Thresholds(body).EnumerateArray());
        Assert.Equal(best.Threshold, element.GetProperty("threshold").GetDouble());
        Assert.Equal(Math.Round((double)best.TruePositives / (best.TruePositives + best.FalseNegatives), 3), element.GetProperty("recall").GetDouble());
        Assert.Equal(Math.Round((double)best.TruePositives / (best.TruePositives + best.FalsePositives), 3), element.GetProperty("precision").GetDouble());
        Assert.Equal(["threshold", "match_rate", "filter_rate", "precision", "!precision", "recall", "!recall", "accuracy", "fpr", "f1", "!f1"],
            element.EnumerateObject().Select(p => p.Name));
        Assert.False(body.GetProperty("enwiki").TryGetProperty("scores", out _));
        Assert.False(body.GetProperty("enwiki").GetProperty("models").GetProperty("revertrisk").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task SeveralOptimisationsAndVersion_OneElementEach_NullWhenNothingQualifies()
    {
        var info = string.Join('|', "version", "statistics.thresholds.true.'minimum match_rate @ recall >= 0.5'", "statistics.thresholds.true.\"maximum recall @ precision >= 1.5\"");
        var body = await GetAsync($"/v3/scores/enwiki/?models=revertrisk&model_info={Uri.EscapeDataString(info)}");

        Assert.Equal("1", body.GetProperty("enwiki").GetProperty("models").GetProperty("revertrisk").GetProperty("version").GetString());
        var list = Thresholds(body).EnumerateArray().ToList();
        Assert.Equal(2, list.Count);
        Assert.True(list[0].GetProperty("recall").GetDouble() >= 0.5);
        Assert.Equal(JsonValueKind.Null, list[1].ValueKind);
    }

    [Fact]
    public async Task WholeTable_HasOneRowPerThresholdRoundedTo5Digits()
    {
        var body = await GetAsync("/v3/scores/enwiki/?models=revertrisk&model_info=statistics.thresholds.true");

        var rows = Thresholds(body).EnumerateArray().ToList();
        Assert.Equal(Table.Rows.Select(r => Math.Round(r.Threshold, 5)).Distinct().Count(), rows.Count);
        var first = rows[0];
        Assert.Equal(1.0, first.GetProperty("recall").GetDouble());
        Assert.Equal(1.0, first.GetProperty("match_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("!precision").ValueKind); // nothing predicted negative
    }

    [Theory]
    [InlineData("statistics.thresholds.false")]
    [InlineData("statistics.roc_auc")]
    [InlineData("statistics.thresholds.true.\"maximum nonsense @ precision >= 0.9\"")]
    [InlineData("statistics.thresholds.true.\"maximum recall\"")]
    public async Task UnresolvablePath_IsOresModelInfoError(string path)
    {
        var body = await GetAsync($"/v3/scores/enwiki/?models=revertrisk&model_info={Uri.EscapeDataString(path)}", HttpStatusCode.BadRequest);

        var repr = path.Contains('\'', StringComparison.Ordinal) && !path.Contains('"', StringComparison.Ordinal) ? $"\"{path}\"" : $"'{path}'";
        JsonDeep.Equal(JsonSerializer.SerializeToElement(new { error = new { code = "bad request", message = $"Model information could not be retrieved for {repr}" } }), body);
    }

    [Fact]
    public async Task ThresholdQueryWithRevision_AlsoScoresInProcess()
    {
        var query = Uri.EscapeDataString("statistics.thresholds.true.\"maximum recall @ precision >= 0.5\"");
        var body = await GetAsync($"/v3/scores/enwiki/2001/revertrisk?model_info={query}");

        var v1 = await HttpAssert.JsonAsync(await fixture.Server.Client.PostAsync(new Uri("/v1/models/revertrisk-language-agnostic:predict", UriKind.Relative),
            new StringContent("""{"rev_id": 2001, "lang": "en"}""", Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        var score = body.GetProperty("enwiki").GetProperty("scores").GetProperty("2001").GetProperty("revertrisk").GetProperty("score");
        var output = v1.GetProperty("output");
        JsonDeep.Equal(output.GetProperty("prediction"), score.GetProperty("prediction"));
        JsonDeep.Equal(output.GetProperty("probabilities"), score.GetProperty("probability"));
        Assert.Single(Thresholds(body).EnumerateArray());
    }

    [Fact]
    public async Task RevertRisk_IsExplicitOnly_OutOfListingsAndDefaultModelSets()
    {
        var list = await GetAsync("/v3/scores/enwiki");
        Assert.False(list.GetProperty("enwiki").GetProperty("models").TryGetProperty("revertrisk", out _));
        var named = await GetAsync("/v3/scores/enwiki?models=revertrisk");
        JsonDeep.Equal("""{"enwiki": {"models": {"revertrisk": {"version": "1"}}}}""", named);
    }
}
