using LiftWing.Tests.Common;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.Revisions;
using LiftWing.Wiki.Tests.MediaWiki;

namespace LiftWing.Wiki.Tests.Emulation;

public sealed class OfflineRevisionSourceTests : IDisposable
{
    private static readonly string PearXml = TestPaths.SharedData("wikitext", "xml", "article-pear.xml");
    private readonly MediaWikiTestClients _clients = new();

    public void Dispose() => _clients.Dispose();

    private IRevisionSource Dump() =>
        _clients.Sources.Create("dump:" + PearXml, new MediaWikiClientOptions(), p => p);

    [Fact]
    public async Task DumpSource_ConsecutiveRevisions_ReturnsRevisionWithParentFromExport()
    {
        var result = await Dump().GetRevisionAsync("en", 185241, CancellationToken.None);

        Assert.Equal(RevisionOutcome.Found, result.Outcome);
        var r = result.Revision!;
        Assert.Equal(185185, r.Parent.Id);
        Assert.EndsWith("[[propagating apples and other fruit trees]]", r.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("propagating apples", r.Parent.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2002, 8, 31, 2, 16, 6, TimeSpan.Zero), r.Timestamp);
        Assert.Equal(new DateTimeOffset(2002, 2, 25, 15, 43, 11, TimeSpan.Zero), r.Page.FirstEditTimestamp);
        Assert.Equal(24278, r.Page.Id);
        Assert.Equal("Pear", r.Page.Title);
        Assert.Equal(3741, r.User.Id);
        Assert.Equal("Quercusrobur", r.User.Name);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(r.Text), r.Bytes);
    }

    [Fact]
    public async Task DumpSource_FirstRevisionOfPage_ReturnsFirstRevision()
    {
        var result = await Dump().GetRevisionAsync("en", 185185, CancellationToken.None);

        Assert.Equal(RevisionOutcome.FirstRevision, result.Outcome);
    }

    [Fact]
    public async Task DumpSource_UnknownRevisionOrWiki_ReturnsRevisionMissing()
    {
        Assert.Equal(RevisionOutcome.RevisionMissing, (await Dump().GetRevisionAsync("en", 1, CancellationToken.None)).Outcome);
        Assert.Equal(RevisionOutcome.RevisionMissing, (await Dump().GetRevisionAsync("de", 185241, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task FixturesSource_RecordedResponses_ReturnsRevision()
    {
        var dir = Directory.CreateTempSubdirectory("lw-fixtures");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "fr"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "fr", "page-5.json"), """
                {"batchcomplete":true,"query":{"pages":[{"pageid":5,"ns":0,"title":"Poire","revisions":[
                  {"revid":11,"parentid":0,"user":"A","userid":3,"timestamp":"2021-05-01T08:00:00Z","size":5,"comment":"création","tags":[],
                   "slots":{"main":{"contentmodel":"wikitext","contentformat":"text/x-wiki","content":"Poire"}}},
                  {"revid":12,"parentid":11,"user":"B","userid":4,"timestamp":"2021-05-02T08:00:00Z","comment":"","tags":["visualeditor"],
                   "slots":{"main":{"contentmodel":"wikitext","contentformat":"text/x-wiki","content":"Poire, fruit."}}}]}],
                 "users":[{"userid":4,"name":"B","groups":["*","user","autoconfirmed"],"registration":"2019-01-01T00:00:00Z"}]}}
                """);
            var source = _clients.Sources.Create("fixtures:" + dir.FullName, new MediaWikiClientOptions(), p => p);

            var result = await source.GetRevisionAsync("fr", 12, CancellationToken.None);

            Assert.Equal(RevisionOutcome.Found, result.Outcome);
            Assert.Equal("Poire, fruit.", result.Revision!.Text);
            Assert.Equal(13, result.Revision.Bytes);
            Assert.Equal("Poire", result.Revision.Parent.Text);
            Assert.Equal(["visualeditor"], result.Revision.Tags);
            Assert.Equal(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Revision.User.Registration);
            Assert.Equal(RevisionOutcome.FirstRevision, (await source.GetRevisionAsync("fr", 11, CancellationToken.None)).Outcome);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DumpSource_Html_Is422NoParsoidHtml()
    {
        var ex = await Assert.ThrowsAsync<LiftWing.Core.Errors.UpstreamDataException>(() => Dump().GetRevisionHtmlAsync("en", 1, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("has no Parsoid HTML", ex.Message);
    }

    [Fact]
    public void Create_UnknownSpec_Throws() =>
        Assert.Throws<InvalidDataException>(() => _clients.Sources.Create("ftp:x", new MediaWikiClientOptions(), p => p));
}
