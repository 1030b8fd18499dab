using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.Core.Caching;
using LiftWing.FunctionalTests.ArticleQuality;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>A request is validated before the cache is consulted: an invalid twin of a cached request is still a 400.</summary>
public sealed class ValidateBeforeCacheTests
{
    [Fact]
    public async Task ArticleQuality_BothRevIdAndHtml_Is400_EvenWhenTheHtmlTwinIsCached()
    {
        var models = Directory.CreateTempSubdirectory("lw-vbc-").FullName;
        try
        {
            ArticleQualityServerFixture.PrepareModels(models);
            await using var server = await LiftWingTestServer.StartAsync(s =>
            {
                s.ModelsDirectory = models;
                s.Only.Add("articlequality");
                s.ConfigureServices = services => services.AddLiftWingPredictionCache(o => o.Store = CacheStoreKind.Memory);
            });
            var html = await File.ReadAllTextAsync(TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html"));
            var valid = JsonSerializer.Serialize(new Dictionary<string, object> { ["lang"] = "en", ["html"] = html });
            var twin = JsonSerializer.Serialize(new Dictionary<string, object> { ["lang"] = "en", ["html"] = html, ["rev_id"] = "1321555271" });
            for (var i = 0; i < 2; i++)
            {
                using var ok = await server.Client.PostAsync("v1/models/articlequality:predict", new StringContent(valid, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            using var bad = await server.Client.PostAsync("v1/models/articlequality:predict", new StringContent(twin, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("not both", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }
}
