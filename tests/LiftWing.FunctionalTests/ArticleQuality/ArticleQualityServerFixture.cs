using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.ArticleQuality;

/// <summary>
/// One <see cref="LiftWingTestServer"/> serving only articlequality, from a temporary models folder holding the
/// repo's model files with <c>source: fixtures:</c> pointed at the shared Parsoid HTML; the full 333-wiki maxima
/// table comes as the model.yaml's <c>shared:</c> artifact from the shared data folder.
/// </summary>
public sealed class ArticleQualityServerFixture : IAsyncLifetime
{
    private readonly string _models = Directory.CreateTempSubdirectory("lw-aq-models-").FullName;
    private LiftWingTestServer? _server;

    /// <summary>A client for the server.</summary>
    public HttpClient Client => (_server ?? throw new InvalidOperationException("not started")).Client;

    public async Task InitializeAsync()
    {
        PrepareModels(_models);
        _server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models;
            s.Only.Add("articlequality");
            s.Settings["LiftWing:Artifacts:SharedDirectory"] = TestPaths.Shared;
        });
        var status = await _server.Client.GetStringAsync("v1/models/articlequality");
        if (!status.Contains("\"ready\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("articlequality did not load: " + status);
        }
    }

    /// <summary>Writes the articlequality model folder (fixtures source) under <paramref name="models"/>.</summary>
    public static void PrepareModels(string models)
    {
        var source = Path.Combine(TestPaths.Models, "articlequality");
        var target = Directory.CreateDirectory(Path.Combine(models, "articlequality")).FullName;
        File.Copy(Path.Combine(source, "parameters.json"), Path.Combine(target, "parameters.json"));
        File.Copy(Path.Combine(source, "feature_values.tsv"), Path.Combine(target, "feature_values.tsv"));
        var yaml = File.ReadAllText(Path.Combine(source, "model.yaml"))
            .Replace("source: live", "source: fixtures:" + TestPaths.SharedData("liftwing", "parsoid"), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(target, "model.yaml"), yaml);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_models, recursive: true);
    }
}
