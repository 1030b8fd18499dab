using System.Text.Json.Nodes;

namespace LiftWing.Wiki.Emulation;

/// <summary>
/// Revisions, pages and users of one or more wikis, held as Action-API <c>formatversion=2</c> JSON objects, keyed by
/// host (<c>en.wikipedia.org</c>). Filled from recorded fixtures or an XML export; answered by <see cref="ActionApiEmulator"/>.
/// </summary>
public sealed class WikiStore
{
    private readonly Dictionary<string, Site> _sites = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Hosts that have data.</summary>
    public IEnumerable<string> Hosts => _sites.Keys;

    /// <summary>Adds (or replaces) a page and its revisions; each revision is a formatversion=2 revision object.</summary>
    public void AddPage(string host, long pageId, string title, int ns, IEnumerable<JsonObject> revisions)
    {
        var site = GetOrAddSite(host);
        if (!site.Pages.TryGetValue(pageId, out var page))
        {
            page = new Page(pageId, title, ns);
            site.Pages[pageId] = page;
        }

        foreach (var revision in revisions)
        {
            var id = revision["revid"]?.GetValue<long>() ?? throw new InvalidDataException($"a revision of page {pageId} has no revid");
            page.Revisions[id] = revision;
            site.RevisionPages[id] = page;
        }
    }

    /// <summary>Adds (or replaces) a user (<c>{"userid","name","groups","registration"}</c>).</summary>
    public void AddUser(string host, JsonObject user)
    {
        var id = user["userid"]?.GetValue<long>() ?? throw new InvalidDataException("a user has no userid");
        GetOrAddSite(host).Users[id] = user;
    }

    internal bool TryGetRevision(string host, long revisionId, out Page page, out JsonObject revision)
    {
        page = null!;
        revision = null!;
        return _sites.TryGetValue(host, out var site) && site.RevisionPages.TryGetValue(revisionId, out page!)
            && page.Revisions.TryGetValue(revisionId, out revision!);
    }

    internal Page? GetPage(string host, long pageId) =>
        _sites.TryGetValue(host, out var site) && site.Pages.TryGetValue(pageId, out var page) ? page : null;

    internal JsonObject? GetUser(string host, long userId) =>
        _sites.TryGetValue(host, out var site) && site.Users.TryGetValue(userId, out var user) ? user : null;

    private Site GetOrAddSite(string host)
    {
        if (!_sites.TryGetValue(host, out var site))
        {
            site = new Site();
            _sites[host] = site;
        }

        return site;
    }

    private sealed class Site
    {
        public Dictionary<long, Page> Pages { get; } = [];

        public Dictionary<long, Page> RevisionPages { get; } = [];

        public Dictionary<long, JsonObject> Users { get; } = [];
    }

    internal sealed class Page(long id, string title, int ns)
    {
        public long Id { get; } = id;

        public string Title { get; } = title;

        public int Namespace { get; } = ns;

        // Revision ids grow with time on every wiki, so id order is history order.
        public SortedDictionary<long, JsonObject> Revisions { get; } = [];
    }
}
