using LiftWing.Core.Caching;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using LiftWing.Tests.Common.FakeMediaWiki;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Ores;

/// <summary>
/// A real LiftWing server (built-in ORES catalogue, memory prediction cache, revert risk loaded) whose ORES upstream is
/// a fake Lift Wing answering the recorded revscoring bodies of <c>../shared/data/liftwing/ores/</c>.
/// </summary>
public sealed class OresServerFixture : IAsyncLifetime
{
    public static string Recorded(string file) => TestPaths.SharedData("liftwing", "ores", file);

    public FakeLiftWingUpstream Upstream { get; private set; } = null!;

    public FakeMediaWikiServer MediaWiki { get; private set; } = null!;

    public LiftWingTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = FakeLiftWingUpstream.FromRecorded(Recorded("liftwing_responses.json"));
        MediaWiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        Server = await LiftWingTestServer.StartAsync(s =>
        {
            s.Only.Add("revertrisk-language-agnostic");
            s.Settings["LiftWing:Ores:Upstream"] = Upstream.BaseAddress.ToString();
            s.Settings["LiftWing:Ores:UpstreamRetryDelay"] = "00:00:00.010";
            s.Settings["WIKI_URL"] = MediaWiki.BaseUri.ToString();
            s.ConfigureServices = services => services.AddLiftWingPredictionCache(o => o.Store = CacheStoreKind.Memory);
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Upstream.DisposeAsync();
        await MediaWiki.DisposeAsync();
    }
}

/// <summary>One ORES server for every ORES test class.</summary>
[CollectionDefinition(Name)]
public sealed class OresCollection : ICollectionFixture<OresServerFixture>
{
    public const string Name = "ores";
}
