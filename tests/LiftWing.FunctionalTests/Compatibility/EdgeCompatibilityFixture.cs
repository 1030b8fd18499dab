using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common.FakeMediaWiki;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// One real server with the models whose edge answers issue 15 pins: revert risk (its MediaWiki faked from the
/// shared recordings), langid, and the OpenAI embeddings model.
/// </summary>
public sealed class EdgeCompatibilityFixture : IAsyncLifetime
{
    public const string RevertRisk = "revertrisk-language-agnostic";
    public const string Embeddings = "all-MiniLM-L6-v2";

    public FakeMediaWikiServer MediaWiki { get; private set; } = null!;

    public LiftWingTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MediaWiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        Server = await LiftWingTestServer.StartAsync(s =>
        {
            s.Only.Add(RevertRisk);
            s.Only.Add("langid");
            s.Only.Add(Embeddings);
            s.Settings["WIKI_URL"] = MediaWiki.BaseUri.ToString();
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await MediaWiki.DisposeAsync();
    }
}
