using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common.FakeMediaWiki;

namespace LiftWing.FunctionalTests.Models;

/// <summary>The real server with revertrisk-language-agnostic loaded, its <c>WIKI_URL</c> pointing at a fake MediaWiki.</summary>
public sealed class RevertRiskServerFixture : IAsyncLifetime
{
    public FakeMediaWikiServer MediaWiki { get; private set; } = null!;

    public LiftWingTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MediaWiki = FakeMediaWikiServer.Start(RevertRiskTestWiki.Create());
        Server = await LiftWingTestServer.StartAsync(s =>
        {
            s.Only.Add("revertrisk-language-agnostic");
            s.Settings["WIKI_URL"] = MediaWiki.BaseUri.ToString();
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await MediaWiki.DisposeAsync();
    }
}
