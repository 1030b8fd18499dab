using System.Web;
using LiftWing.Core.Errors;
using LiftWing.Tests.Common.FakeMediaWiki;
using LiftWing.Wiki.Emulation;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.Revisions;
using static LiftWing.Tests.Common.FakeMediaWiki.WikiFixtures;

namespace LiftWing.Wiki.Tests.MediaWiki;

public sealed class MediaWikiRevisionSourceTests : IAsyncLifetime
{
    private const string Host = "en.wikipedia.org";
    private FakeMediaWikiServer _server = null!;
    private MediaWikiTestClients _clients = null!;

    public Task InitializeAsync()
    {
        var store = new WikiStore();
        store.AddPage(Host, 100, "Pear", 0, [
            Revision(1000, 0, "2020-01-01T00:00:00Z", "Pears are [[tree]]s.", user: "Creator", userid: 7),
            Revision(1001, 1000, "2020-01-02T00:00:00Z", "Pears are [[tree]]s. They are sweet.", user: "Editor", userid: 42,
                comment: "add taste", tags: ["mobile edit", "mobile web edit"]),
            Revision(1002, 1001, "2020-01-03T00:00:00Z", null, userid: 42),
            Revision(1003, 1002, "2020-01-04T00:00:00Z", "text after a hidden one", userid: 42),
            Revision(1004, 999, "2020-01-05T00:00:00Z", "parent was deleted", userid: 42),
            Revision(1005, 1001, "2020-01-06T00:00:00Z", "by a vanished user", userid: 4242),
            Revision(1006, 1001, "2020-01-07T00:00:00Z", "editor hidden", userHidden: true),
            Revision(1007, 1001, "2020-01-08T00:00:00Z", "Pears are [[tree]]s. Vandal.", user: "192.0.2.1", userid: 0),
        ]);
        store.AddUser(Host, User(42, "Editor", ["extendedconfirmed", "*", "user", "autoconfirmed"]));
        store.AddUser(Host, User(7, "Creator", ["sysop", "*", "user"]));
        _server = FakeMediaWikiServer.Start(store);
        _clients = new MediaWikiTestClients();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _server.DisposeAsync();
    }

    private MediaWikiRevisionSource Source(TimeSpan? timeout = null, int retries = 3) => new(new MediaWikiActionClient(_clients.Action, new MediaWikiClientOptions
    {
        WikiUrl = _server.BaseUri,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        UserAgent = "LiftWing tests",
    }));

    [Fact]
    public async Task GetRevision_ExistingEdit_ReturnsRevisionParentPageAndUser()
    {
        var result = await Source().GetRevisionAsync("en", 1001, CancellationToken.None);

        Assert.Equal(RevisionOutcome.Found, result.Outcome);
        var r = result.Revision!;
        Assert.Equal(1001, r.Id);
        Assert.Equal("Pears are [[tree]]s. They are sweet.", r.Text);
        Assert.Equal(36, r.Bytes);
        Assert.Equal("add taste", r.Comment);
        Assert.Equal(["mobile edit", "mobile web edit"], r.Tags);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), r.Timestamp);
        Assert.Equal(new PageInfo(100, "Pear", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), r.Page);
        Assert.Equal(1000, r.Parent.Id);
        Assert.Equal("Pears are [[tree]]s.", r.Parent.Text);
        Assert.Equal(42, r.User.Id);
        Assert.Contains("extendedconfirmed", r.User.Groups);
        Assert.Equal(new DateTimeOffset(2015, 3, 1, 10, 0, 0, TimeSpan.Zero), r.User.Registration);
    }

    [Fact]
    public async Task GetRevision_SendsHostHeaderUserAgentAndThreeFormatVersion2Queries()
    {
        await Source().GetRevisionAsync("en", 1001, CancellationToken.None);

        var requests = _server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal(Host, r.Host);
            Assert.Equal("LiftWing tests", r.UserAgent);
            var q = HttpUtility.ParseQueryString(new Uri("http://x" + r.PathAndQuery).Query);
            Assert.Equal("query", q["action"]);
            Assert.Equal("2", q["formatversion"]);
            Assert.Equal("5", q["maxlag"]);
        });
        var queries = requests.Select(r => HttpUtility.ParseQueryString(new Uri("http://x" + r.PathAndQuery).Query)).ToArray();
        Assert.Equal("1001", queries[0]["revids"]);
        var batched = Assert.Single(queries, q => q["revids"] == "1000");
        Assert.Equal("users", batched["list"]);
        Assert.Equal("42", batched["ususerids"]);
        Assert.Equal("groups|registration", batched["usprop"]);
        var firstEdit = Assert.Single(queries, q => q["pageids"] == "100");
        Assert.Equal("newer", firstEdit["rvdir"]);
        Assert.Equal("1", firstEdit["rvlimit"]);
    }

    [Fact]
    public async Task GetRevision_AnonymousEdit_SkipsUserLookup()
    {
        var result = await Source().GetRevisionAsync("en", 1007, CancellationToken.None);

        Assert.Equal(RevisionOutcome.Found, result.Outcome);
        Assert.True(result.Revision!.User.IsAnonymous);
        Assert.Equal("192.0.2.1", result.Revision.User.Name);
        Assert.DoesNotContain(_server.Requests, r => r.PathAndQuery.Contains("list=users", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5555, RevisionOutcome.RevisionMissing, "revision_missing")]
    [InlineData(1002, RevisionOutcome.RevisionInfoDeleted, "revision_info_deleted")]
    [InlineData(1006, RevisionOutcome.RevisionInfoDeleted, "revision_info_deleted")]
    [InlineData(1003, RevisionOutcome.ParentRevisionInfoDeleted, "parent_revision_info_deleted")]
    [InlineData(1004, RevisionOutcome.ParentRevisionMissing, "parent_revision_missing")]
    [InlineData(1005, RevisionOutcome.UserMissing, "user_missing")]
    [InlineData(1000, RevisionOutcome.FirstRevision, "parent_revision_missing")]
    public async Task GetRevision_UnavailableData_ReturnsNamedOutcome(long revId, RevisionOutcome expected, string code)
    {
        var result = await Source().GetRevisionAsync("en", revId, CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(code, result.ReasonCode);
        Assert.Null(result.Revision);
    }

    [Fact]
    public async Task GetRevision_OtherLanguage_UsesReplacedHost()
    {
        var result = await Source().GetRevisionAsync("gsw", 1001, CancellationToken.None);

        Assert.Equal(RevisionOutcome.RevisionMissing, result.Outcome);
        Assert.Equal("als.wikipedia.org", Assert.Single(_server.Requests).Host);
    }

    [Theory]
    [InlineData(503, null)]
    [InlineData(502, null)]
    [InlineData(429, null)]
    [InlineData(200, "maxlag")]
    [InlineData(200, "ratelimited")]
    public async Task GetRevision_TransientFailures_RetriesAndSucceeds(int status, string? apiError)
    {
        _server.Faults.Enqueue(new FakeFault(status, apiError, Body: apiError is null ? "busy" : null, RetryAfterSeconds: 0));
        _server.Faults.Enqueue(new FakeFault(status, apiError, Body: apiError is null ? "busy" : null));

        var result = await Source().GetRevisionAsync("en", 1001, CancellationToken.None);

        Assert.Equal(RevisionOutcome.Found, result.Outcome);
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task GetRevision_PersistentServerError_ThrowsUnavailableAfterRetries()
    {
        for (var i = 0; i < 4; i++)
        {
            _server.Faults.Enqueue(new FakeFault(503, Body: "down"));
        }

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Source(retries: 3).GetRevisionAsync("en", 1001, CancellationToken.None).AsTask());

        Assert.Equal("http 503", ex.Reason);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task GetRevision_NonRetryableApiError_ThrowsWithoutRetrying()
    {
        _server.Faults.Enqueue(new FakeFault(200, "badvalue"));

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Source().GetRevisionAsync("en", 1001, CancellationToken.None).AsTask());

        Assert.Equal("badvalue", ex.Reason);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetRevision_InvalidJson_ThrowsUnavailable()
    {
        _server.Faults.Enqueue(new FakeFault(200, Body: "<html>proxy error</html>"));

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Source().GetRevisionAsync("en", 1001, CancellationToken.None).AsTask());

        Assert.Equal("invalid-json", ex.Reason);
    }

    [Fact]
    public async Task GetRevision_SlowServer_TimesOut()
    {
        _server.Faults.Enqueue(new FakeFault { Delay = TimeSpan.FromSeconds(3) });

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Source(timeout: TimeSpan.FromMilliseconds(200)).GetRevisionAsync("en", 1001, CancellationToken.None).AsTask());

        Assert.Equal("timeout", ex.Reason);
    }

    [Fact]
    public async Task GetRevision_PageGoneBetweenQueries_ReturnsPageMissing()
    {
        // The page is deleted after the revision query: the first-edit query finds no page.
        var store = new WikiStore();
        store.AddPage(Host, 100, "Pear", 0, [Revision(1000, 0, "2020-01-01T00:00:00Z", "a"), Revision(1001, 1000, "2020-01-02T00:00:00Z", "ab")]);
        store.AddUser(Host, User(42, "Editor", ["user"]));
        var emulator = new ActionApiEmulator(store);
        using var http = new HttpClient(new PageDeletingHandler(emulator));
        var source = new MediaWikiRevisionSource(new MediaWikiActionClient(http, new MediaWikiClientOptions { WikiUrl = new Uri("http://mw.test") }));

        var result = await source.GetRevisionAsync("en", 1001, CancellationToken.None);

        Assert.Equal(RevisionOutcome.PageMissing, result.Outcome);
        Assert.Equal("page_missing", result.ReasonCode);
    }

    private sealed class PageDeletingHandler(ActionApiEmulator emulator) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var json = query["pageids"] is { } id
                ? $"{{\"batchcomplete\":true,\"query\":{{\"pages\":[{{\"pageid\":{id},\"missing\":true}}]}}}}"
                : emulator.Answer(request.Headers.Host!, query).Json;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json) });
        }
    }
}
