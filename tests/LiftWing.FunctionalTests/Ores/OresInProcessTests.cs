using System.Net;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Ores;

/// <summary>
/// A catalogue model resolves by name to a model this process serves (<c>testwiki-damaging</c>), here ORES's own
/// RevIdScorer; the rest of the context still goes upstream.
/// </summary>
public sealed class OresInProcessTests
{
    [Fact]
    public async Task ModelServedInProcessByName_IsScoredHere_OthersUpstream()
    {
        using var models = TempModels.Create(("testwiki-damaging", RevIdScorerModel.Yaml("testwiki-damaging", "0.0.3")));
        await using var upstream = new FakeLiftWingUpstream();
        await using var server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.Settings["LiftWing:Ores:Upstream"] = upstream.BaseAddress.ToString();
            s.ConfigureServices = services => services.AddModelServer(RevIdScorerModel.ServerType, static (c, _) => new RevIdScorerModel(c));
        });

        // ORES's RevIdScorer test: revision 123 scores P(true) = 0.32, prediction false.
        var one = await HttpAssert.JsonAsync(await server.Client.GetAsync(new Uri("/v3/scores/testwiki/123/damaging?features", UriKind.Relative)), HttpStatusCode.OK);
        JsonDeep.Equal("""
            {"testwiki": {"models": {"damaging": {"version": "0.0.3"}},
              "scores": {"123": {"damaging": {"score": {"prediction": false, "probability": {"false": FALSE_P, "true": 0.32}},
                                              "features": {"feature.revision.id": 123}}}}}}
            """.Replace("FALSE_P", (1 - 0.32).ToString("R", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), one);
        Assert.Empty(upstream.Calls);

        var both = await HttpAssert.JsonAsync(await server.Client.GetAsync(new Uri("/v3/scores/testwiki/?models=damaging|goodfaith&revids=1919", UriKind.Relative)), HttpStatusCode.OK);
        var scores = both.GetProperty("testwiki").GetProperty("scores").GetProperty("1919");
        Assert.True(scores.GetProperty("damaging").GetProperty("score").GetProperty("prediction").GetBoolean()); // "19" reversed: 0.91
        Assert.Equal("RevisionNotFound", scores.GetProperty("goodfaith").GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("testwiki-goodfaith", Assert.Single(upstream.Calls).Isvc);
    }
}
