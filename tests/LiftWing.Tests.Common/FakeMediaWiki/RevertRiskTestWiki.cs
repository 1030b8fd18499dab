using LiftWing.Wiki.Emulation;
using static LiftWing.Tests.Common.FakeMediaWiki.WikiFixtures;

namespace LiftWing.Tests.Common.FakeMediaWiki;

/// <summary>A small English wiki for revert-risk tests with real article text (wtf_wikipedia's Bodmin) and edits of each kind.</summary>
public static class RevertRiskTestWiki
{
    public const string Host = "en.wikipedia.org";

    public static string Article { get; } = File.ReadAllText(TestPaths.SharedData("wikitext", "wtf_wikipedia", "Bodmin.txt"));

    public static WikiStore Create()
    {
        var store = new WikiStore();
        var edited = Article.Replace("Bodmin is a", "Bodmin is a historic", StringComparison.Ordinal);
        var vandalised = Article[..2000] + "\n\nLOL THIS TOWN IS THE WORST!!!!!!\n" + Article[2000..];
        store.AddPage(Host, 500, "Bodmin", 0, [
            Revision(2000, 0, "2019-06-01T12:00:00Z", Article, userid: 7),
            Revision(2001, 2000, "2020-06-01T12:00:00Z", edited, user: "Editor", userid: 42, comment: "copyedit"),
            Revision(2002, 2001, "2020-06-02T12:00:00Z", vandalised, user: "192.0.2.7", userid: 0, tags: ["mobile edit", "mobile web edit"]),
            Revision(2003, 2001, "2020-06-03T12:00:00Z", null, userid: 42),
            Revision(2004, 2001, "2020-06-04T12:00:00Z", edited + "\n[[Category:Towns in Cornwall]]", user: "Editor", userid: 42),
            Revision(2005, 2001, "2020-06-05T12:00:00Z", edited + "\nSee also Truro.", user: "Editor", userid: 42),
        ]);
        store.AddUser(Host, User(42, "Editor", ["extendedconfirmed", "*", "user", "autoconfirmed"]));
        store.AddUser(Host, User(7, "Creator", ["sysop", "*", "user"]));
        return store;
    }
}
