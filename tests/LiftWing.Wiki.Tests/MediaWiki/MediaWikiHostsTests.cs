using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Tests.MediaWiki;

public sealed class MediaWikiHostsTests
{
    [Theory]
    [InlineData("en", "en.wikipedia.org")]
    [InlineData("be-x-old", "be-tarask.wikipedia.org")]
    [InlineData("yue", "zh-yue.wikipedia.org")]
    [InlineData("gsw", "als.wikipedia.org")]
    [InlineData("sgs", "bat-smg.wikipedia.org")]
    [InlineData("nan", "zh-min-nan.wikipedia.org")]
    [InlineData("lzh", "zh-classical.wikipedia.org")]
    public void WikipediaHost_AppliesLiftWingReplacements(string lang, string host) =>
        Assert.Equal(host, MediaWikiHosts.WikipediaHost(lang));

    [Fact]
    public void BuildUri_NoWikiUrl_UsesPublicHttpsHost()
    {
        using var http = new HttpClient();
        var client = new MediaWikiActionClient(http, new MediaWikiClientOptions());

        var uri = client.BuildUri("als.wikipedia.org", [new("revids", "1|2")]).AbsoluteUri;

        Assert.Equal("https://als.wikipedia.org/w/api.php?action=query&format=json&formatversion=2&maxlag=5&revids=1%7C2", uri);
    }

    [Fact]
    public void BuildUri_ForceHttp_UsesHttp()
    {
        using var http = new HttpClient();
        var client = new MediaWikiActionClient(http, new MediaWikiClientOptions { ForceHttp = true, MaxLag = null });

        Assert.StartsWith("http://en.wikipedia.org/w/api.php?action=query&format=json&formatversion=2", client.BuildUri("en.wikipedia.org", []).ToString());
    }
}
