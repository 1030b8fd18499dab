using System.Text.Json;
using LiftWing.Core.Configuration;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.ArticleQuality;
using LiftWing.Models.Tests.ArticleQuality;
using LiftWing.Models.RevertRisk;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.FakeMediaWiki;
using LiftWing.Wiki.RevertRisk;

namespace LiftWing.Models.Tests;

/// <summary>
/// The one rule for the wiki endpoint, in every wiki-backed model: the deployment's <c>LiftWing:Wiki:WikiUrl</c> (Lift Wing's
/// <c>WIKI_URL</c>) wins over model.yaml's <c>wiki_url</c>, which applies when the deployment sets none. Each case points
/// one side at a working wiki and the other at a closed port, so only the right choice answers.
/// </summary>
public sealed class WikiUrlPrecedenceTests
{
    private const string Closed = "http://127.0.0.1:9/";

    public static TheoryData<string?, bool> Cases => new()
    {
        { null, false },  // model.yaml's wiki_url works, no deployment setting: model.yaml applies
        { "good", true }, // model.yaml points at a closed port, the deployment at the wiki: the deployment wins
        { "closed", false }, // model.yaml points at the wiki, the deployment at a closed port: the deployment still wins
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RevertRisk_FollowsTheRule(string? deployment, bool yamlClosed)
    {
        await using var wiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        var dir = Path.Combine(TestPaths.Models, "revertrisk-language-agnostic");
        var config = WithOptions(ModelConfigLoader.Load(Path.Combine(dir, "model.yaml")), new()
        {
            ["wiki_url"] = yamlClosed ? Closed : wiki.BaseUri.ToString(),
            ["mediawiki_max_retries"] = 0,
        });
        var sources = TestWikiSources.Create(Deployment(deployment, wiki.BaseUri.ToString()));
        await using var model = new RevertRiskModel(config, sources, new MwEditTypeCounter());
        await model.LoadAsync(new ModelLoadContext(new Dictionary<string, string> { ["model"] = Path.Combine(dir, "model.json") }), CancellationToken.None);

        var expectWiki = deployment != "closed";
        var status = await StatusAsync(model, """{"rev_id": 2001, "lang": "en"}""");
        Assert.Equal(expectWiki ? 200 : 500, status);
        Assert.Equal(expectWiki, !wiki.Requests.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ArticleQuality_FollowsTheRule(string? deployment, bool yamlClosed)
    {
        await using var wiki = new LoopbackHttpServer(CannedResponse.Text(200, "OK", await File.ReadAllTextAsync(ArticleQualityTestHost.SampleHtmlPath)));
        var config = WithOptions(ModelConfigLoader.Load(Path.Combine(TestPaths.Models, "articlequality", "model.yaml")), new()
        {
            ["source"] = "live",
            ["maxima_path"] = TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv"),
            ["wiki_url"] = yamlClosed ? Closed : wiki.BaseAddress.ToString(),
        });
        await using var model = new ArticleQualityModel(config, TestWikiSources.Create(Deployment(deployment, wiki.BaseAddress.ToString())));
        await model.LoadAsync(new ModelLoadContext(new Dictionary<string, string> { ["parameters"] = Path.Combine(config.Directory, "parameters.json") }), CancellationToken.None);

        var expectWiki = deployment != "closed";
        var status = await StatusAsync(model, """{"rev_id": 1321555271, "lang": "en"}""");
        Assert.Equal(expectWiki ? 200 : 502, status);
        Assert.Equal(expectWiki, !wiki.Requests.IsEmpty);
    }

    [Fact]
    public void LiftWingsEnvironmentName_SetsTheDeploymentKey()
    {
        var keys = LiftWingEnvironment.Map(new System.Collections.Hashtable { ["WIKI_URL"] = "http://mw.internal:8080" }).ToList();
        Assert.Equal(new KeyValuePair<string, string?>("LiftWing:Wiki:WikiUrl", "http://mw.internal:8080"), Assert.Single(keys));
    }

    private static Dictionary<string, string?> Deployment(string? which, string goodUrl) => which switch
    {
        null => [],
        "good" => new() { ["LiftWing:Wiki:WikiUrl"] = goodUrl },
        _ => new() { ["LiftWing:Wiki:WikiUrl"] = Closed },
    };

    private static ModelConfig WithOptions(ModelConfig config, Dictionary<string, object?> changes)
    {
        var options = JsonSerializer.Deserialize<Dictionary<string, object?>>(config.Options.GetRawText())!;
        foreach (var (key, value) in changes)
        {
            options[key] = value;
        }

        return config with { Options = JsonSerializer.SerializeToElement(options) };
    }

    private static async Task<int> StatusAsync(IModel model, string json)
    {
        var request = new InferenceRequest { ModelName = model.Config.Name, Body = JsonDocument.Parse(json).RootElement.Clone() };
        try
        {
            var input = await model.PreprocessAsync(request, CancellationToken.None);
            var output = await model.PredictAsync(input, request, CancellationToken.None);
            return (await model.PostprocessAsync(output, request, CancellationToken.None)).StatusCode;
        }
        catch (LiftWing.Core.Errors.LiftWingException ex)
        {
            return ex.StatusCode;
        }
    }
}
