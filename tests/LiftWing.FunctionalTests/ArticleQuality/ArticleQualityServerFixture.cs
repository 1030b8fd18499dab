using LiftWing.Server;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.FunctionalTests.ArticleQuality;

/// <summary>
/// A real LiftWing host (Kestrel on 127.0.0.1, a free port) serving only articlequality, from a temporary models
/// folder holding the repo's model files with <c>source: fixtures:</c> pointed at the shared Parsoid HTML and the
/// full 333-wiki maxima table.
/// </summary>
public sealed class ArticleQualityServerFixture : IAsyncLifetime
{
    private readonly string _models = Directory.CreateTempSubdirectory("lw-aq-models-").FullName;
    private WebApplication? _app;

    /// <summary>A client for the server.</summary>
    public HttpClient Client { get; private set; } = new();

    public async Task InitializeAsync()
    {
        var source = Path.Combine(TestPaths.Models, "articlequality");
        var target = Directory.CreateDirectory(Path.Combine(_models, "articlequality")).FullName;
        File.Copy(Path.Combine(source, "parameters.json"), Path.Combine(target, "parameters.json"));
        var yaml = File.ReadAllText(Path.Combine(source, "model.yaml"))
            .Replace("source: live", "source: fixtures:" + TestPaths.SharedData("liftwing", "parsoid"), StringComparison.Ordinal)
            .Replace("maxima_path: feature_values.tsv", "maxima_path: " + TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv"), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(target, "model.yaml"), yaml);

        var settings = new LiftWingHostSettings
        {
            Urls = "http://127.0.0.1:0",
            ModelsDirectory = _models,
            ArtifactCacheDirectory = Path.Combine(_models, ".cache"),
            ConsoleLogging = false,
            MinimumLogLevel = LogLevel.Warning,
            ConfigureServices = services => services.AddLiftWingModels(),
        };
        settings.Only.Add("articlequality");
        _app = LiftWingHost.Build(settings);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };

        // Models load in the background after start; wait until this one is ready.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await Client.GetStringAsync("v1/models/articlequality");
            if (status.Contains("\"ready\":true", StringComparison.Ordinal))
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("articlequality did not become ready: " + status);
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_models, recursive: true);
    }
}
