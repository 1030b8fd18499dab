using LiftWing.Core.Errors;
using LiftWing.Tests.Common;
using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Tests.MediaWiki;

/// <summary>
/// The REST client, over the named client of <c>AddMediaWiki()</c> (its pipeline does the retries), against a real HTTP
/// server on 127.0.0.1 standing in for the wiki (WIKI_URL + Host).
/// </summary>
public sealed class MediaWikiRestClientTests : IDisposable
{
    private readonly MediaWikiTestClients _clients = new();

    public void Dispose() => _clients.Dispose();

    private MediaWikiRestClient Client(LoopbackHttpServer server, TimeSpan? timeout = null) => new(_clients.Rest, new MediaWikiClientOptions
    {
        WikiUrl = server.BaseAddress,
        UserAgent = "LiftWing tests",
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxResponseBytes = 1000,
    });

    [Fact]
    public async Task GetRevisionHtmlAsync_Ok_SendsPathHostAndUserAgent()
    {
        await using var server = new LoopbackHttpServer(CannedResponse.Text(200, "OK", "<html><body><p>ok é</p></body></html>"));

        var html = await Client(server).GetRevisionHtmlAsync("zh_min_nan", 42, CancellationToken.None);

        Assert.Equal("<html><body><p>ok é</p></body></html>", html);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/w/rest.php/v1/revision/42/html", request.Target);
        Assert.Equal("zh-min-nan.wikipedia.org", request.Headers["Host"]);
        Assert.Equal("LiftWing tests", request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_NotFound_Is422RevisionDoesNotExist_WithoutRetry()
    {
        await using var server = new LoopbackHttpServer(CannedResponse.Text(404, "Not Found", "{\"httpCode\":404}"));

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Client(server).GetRevisionHtmlAsync("en", 123, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("revision-missing", ex.Reason);
        Assert.Equal("Fetching html failed for the article revision with id: 123. Reason: the revision does not exist on en.wikipedia.org.", ex.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_Forbidden_Is422Hidden()
    {
        await using var server = new LoopbackHttpServer(CannedResponse.Text(403, "Forbidden", ""));

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Client(server).GetRevisionHtmlAsync("en", 5, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("deleted or hidden", ex.Message);
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_ServerErrorOnce_RetriesAndSucceeds()
    {
        await using var server = new LoopbackHttpServer((_, n) => Task.FromResult(n == 1
            ? CannedResponse.Text(503, "Service Unavailable", "busy")
            : CannedResponse.Text(200, "OK", "<p>second try</p>")));

        var html = await Client(server).GetRevisionHtmlAsync("en", 7, CancellationToken.None);

        Assert.Equal("<p>second try</p>", html);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_ServerErrorTwice_Is502AfterOneRetry()
    {
        await using var server = new LoopbackHttpServer(CannedResponse.Text(500, "Internal Server Error", "boom"));

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Client(server).GetRevisionHtmlAsync("en", 7, CancellationToken.None));

        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("en.wikipedia.org answered 500", ex.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_SlowServer_Is504AfterTwoTimedOutAttempts()
    {
        // Revision 1 answers at once and warms the HTTP stack, so the short timeout measures only the wait. On a busy
        // machine the very first call (JIT, connect) can itself pass 1 s, so warming is retried until one answers.
        await using var server = new LoopbackHttpServer((r, _) => Task.FromResult(r.Target.Contains("/revision/1/", StringComparison.Ordinal)
            ? CannedResponse.Text(200, "OK", "warm")
            : CannedResponse.Text(200, "OK", "late") with { Delay = TimeSpan.FromSeconds(30) }));
        var client = Client(server, TimeSpan.FromSeconds(1));
        var warmCalls = 0;
        string? warm = null;
        while (warm is null && warmCalls < 5)
        {
            warmCalls++;
            try
            {
                warm = await client.GetRevisionHtmlAsync("en", 1, CancellationToken.None);
            }
            catch (UpstreamDataException)
            {
            }
        }

        Assert.Equal("warm", warm);
        var before = server.Requests.Count;

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => client.GetRevisionHtmlAsync("en", 7, CancellationToken.None));

        Assert.Equal(504, ex.StatusCode);
        Assert.Contains("no answer within 1 s", ex.Message);
        Assert.Equal(before + 2, await server.WaitForRequestsAsync(before + 2, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_TooLarge_Is422()
    {
        await using var server = new LoopbackHttpServer(CannedResponse.Text(200, "OK", new string('x', 1001)));

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => Client(server).GetRevisionHtmlAsync("en", 7, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("1000-byte limit", ex.Message);
    }

    [Fact]
    public async Task GetRevisionHtmlAsync_ConnectionRefused_Is502()
    {
        Uri closed;
        await using (var server = new LoopbackHttpServer(CannedResponse.Text(200, "OK", "")))
        {
            closed = server.BaseAddress;
        }

        var client = new MediaWikiRestClient(_clients.Rest, new MediaWikiClientOptions { WikiUrl = closed, RetryBaseDelay = TimeSpan.Zero });
        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => client.GetRevisionHtmlAsync("en", 7, CancellationToken.None));

        Assert.Equal(502, ex.StatusCode);
    }

    [Theory]
    [InlineData("en.evil.example/")]
    [InlineData("EN")]
    [InlineData("")]
    [InlineData("../x")]
    public void WikipediaHost_InvalidLanguage_IsInvalidInput(string lang)
    {
        var ex = Assert.Throws<InvalidInputException>(() => MediaWikiRestClient.WikipediaHost(lang));
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public void WikipediaHost_PublicHostFromLanguage()
    {
        Assert.Equal("en.wikipedia.org", MediaWikiRestClient.WikipediaHost("en"));
        Assert.Equal("be-x-old.wikipedia.org", MediaWikiRestClient.WikipediaHost("be_x_old"));
    }
}
