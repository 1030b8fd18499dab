using System.Text;
using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Models.ArticleQuality;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.ArticleQuality;

/// <summary>Loads the repo's articlequality model.yaml with test options and runs requests through its stages.</summary>
internal static class ArticleQualityTestHost
{
    public static string SampleHtmlPath => TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html");

    /// <summary>The model over the shared Parsoid fixtures and the full 333-wiki maxima table, unless told otherwise.</summary>
    public static async Task<ArticleQualityModel> LoadAsync(string? source = null, string? wikiUrl = null, int maxInstances = 3)
    {
        var path = Path.Combine(TestPaths.Models, "articlequality", "model.yaml");
        var config = ModelConfigLoader.Load(path);
        var options = new Dictionary<string, object?>
        {
            ["source"] = source ?? "fixtures:" + TestPaths.SharedData("liftwing", "parsoid"),
            ["maxima_path"] = TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv"),
            ["max_instances"] = maxInstances,
        };
        if (wikiUrl is not null)
        {
            options["wiki_url"] = wikiUrl;
        }

        config = config with { Options = JsonSerializer.SerializeToElement(options) };
        var model = new ArticleQualityModel(config, TestWikiSources.Create());
        var artifacts = new Dictionary<string, string> { ["parameters"] = Path.Combine(config.Directory, "parameters.json") };
        await model.LoadAsync(new ModelLoadContext(artifacts), CancellationToken.None);
        return model;
    }

    public static InferenceRequest Request(string json) =>
        new() { ModelName = "articlequality", Body = JsonDocument.Parse(json).RootElement.Clone() };

    /// <summary>Runs preprocess → predict → postprocess and returns the JSON text.</summary>
    public static async Task<string> PredictAsync(IModel model, string json)
    {
        var request = Request(json);
        var input = await model.PreprocessAsync(request, CancellationToken.None);
        var output = await model.PredictAsync(input, request, CancellationToken.None);
        var response = await model.PostprocessAsync(output, request, CancellationToken.None);
        return Encoding.UTF8.GetString(response.Json.Span);
    }
}
