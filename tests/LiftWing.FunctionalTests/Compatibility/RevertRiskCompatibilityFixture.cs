using LiftWing.Tests.Common.FakeMediaWiki;
using LiftWing.Wiki.Emulation;
using static LiftWing.Tests.Common.FakeMediaWiki.WikiFixtures;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// revertrisk-language-agnostic over a fake MediaWiki that holds the revisions Lift Wing's documents use as examples
/// (12345 in the README, 123456789 and 987654321 in the OpenAPI document) and the revision of the recorded enwiki
/// page_change event (1319367938, parent 1319295223), with real article text.
/// </summary>
public sealed class RevertRiskCompatibilityFixture : Models.RevertRiskServerFixture
{
    protected override WikiStore CreateWiki()
    {
        var article = RevertRiskTestWiki.Article;
        var store = new WikiStore();
        const string host = RevertRiskTestWiki.Host;
        store.AddPage(host, 1, "Readme_example", 0, [
            Revision(12344, 0, "2019-01-01T00:00:00Z", article, userid: 7),
            Revision(12345, 12344, "2019-01-02T00:00:00Z", article + "\nSee also Truro.", user: "Editor", userid: 42),
        ]);
        store.AddPage(host, 2, "OpenAPI_example", 0, [
            Revision(123456788, 0, "2020-01-01T00:00:00Z", article, userid: 7),
            Revision(123456789, 123456788, "2020-01-02T00:00:00Z", article.Replace("Bodmin is a", "Bodmin is a historic", StringComparison.Ordinal), user: "Editor", userid: 42),
            Revision(987654321, 123456789, "2020-01-03T00:00:00Z", article[..2000] + "\n\nLOL THIS TOWN IS THE WORST!!!!!!\n" + article[2000..], user: "192.0.2.7", userid: 0),
        ]);
        store.AddPage(host, 70793851, "Anees_(musician)", 0, [
            Revision(1319295223, 0, "2025-10-28T10:00:00Z", article, userid: 7),
            Revision(1319367938, 1319295223, "2025-10-29T11:05:04Z", article + "\n[[Category:Musicians]]", user: "Editor", userid: 42),
        ]);
        store.AddUser(host, User(42, "Editor", ["extendedconfirmed", "*", "user", "autoconfirmed"]));
        store.AddUser(host, User(7, "Creator", ["sysop", "*", "user"]));
        return store;
    }
}
