using LiftWing.FunctionalTests.ArticleQuality;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.FunctionalTests.Models;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.FakeMediaWiki;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// One real server with every repository model (articlequality on the shared Parsoid fixtures, revertrisk on a
/// fake MediaWiki) and a SQLite prediction cache, for the corpus and chaos tests.
/// </summary>
public sealed class CorpusServerFixture : IAsyncLifetime
{
    private readonly string _models = Directory.CreateTempSubdirectory("lw-corpus-models-").FullName;

    public FakeMediaWikiServer MediaWiki { get; private set; } = null!;

    public LiftWingTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        foreach (var dir in Directory.GetDirectories(TestPaths.Models))
        {
            var name = Path.GetFileName(dir);
            if (name == "articlequality")
            {
                continue;
            }

            var target = Directory.CreateDirectory(Path.Combine(_models, name)).FullName;
            foreach (var f in Directory.GetFiles(dir))
            {
                File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
            }
        }

        ArticleQualityServerFixture.PrepareModels(_models);
        MediaWiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        var db = Path.Combine(_models, "cache.db");
        Server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models;
            s.Settings["WIKI_URL"] = MediaWiki.BaseUri.ToString();
            s.Settings["LiftWing:Artifacts:SharedDirectory"] = TestPaths.Shared;
            s.ConfigureServices = services => services.AddLiftWingPredictionCache(o =>
            {
                o.Store = LiftWing.Core.Caching.CacheStoreKind.Sqlite;
                o.SqlitePath = db;
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await MediaWiki.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }
}
