using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common.FakeMediaWiki;
using LiftWing.Wiki.Emulation;

namespace LiftWing.FunctionalTests.Models;

/// <summary>The real server with revertrisk-language-agnostic loaded, its <c>WIKI_URL</c> pointing at a fake MediaWiki.</summary>
public class RevertRiskServerFixture : IAsyncLifetime
{
    public FakeMediaWikiServer MediaWiki { get; private set; } = null!;

    public LiftWingTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MediaWiki = FakeMediaWikiServer.Start(CreateWiki());
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

    /// <summary>The pages the fake MediaWiki holds.</summary>
    protected virtual WikiStore CreateWiki() => RevertRiskTestWiki.Create();
}
