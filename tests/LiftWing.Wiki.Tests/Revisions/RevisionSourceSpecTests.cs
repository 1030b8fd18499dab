using LiftWing.Core.Errors;
using LiftWing.Tests.Common;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.Revisions;
using LiftWing.Wiki.Tests.MediaWiki;

namespace LiftWing.Wiki.Tests.Revisions;

/// <summary>The <c>fixtures:DIR</c> HTML files and the spellings <see cref="WikiSources.Create"/> accepts.</summary>
public sealed class RevisionSourceSpecTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-fixtures-").FullName;
    private readonly MediaWikiTestClients _clients = new();

    public void Dispose()
    {
        _clients.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Fixtures_WikiFolderAndRevisionFile_IsServed()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "dewiki"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "dewiki", "99.html"), "<p>Hallo</p>");
        var source = new FixtureHtmlFiles(_dir);

        Assert.Equal("<p>Hallo</p>", await source.GetRevisionHtmlAsync("de", 99, CancellationToken.None));
    }

    [Fact]
    public async Task Fixtures_SharedDataNaming_IsServed()
    {
        var source = new FixtureHtmlFiles(TestPaths.SharedData("liftwing", "parsoid"));

        var html = await source.GetRevisionHtmlAsync("en", 1321555271, CancellationToken.None);

        Assert.Equal(100415, new FileInfo(TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html")).Length);
        Assert.Contains("Anees Mokhiber", html);
    }

    [Fact]
    public async Task Fixtures_MissingRevision_Is422RevisionDoesNotExist()
    {
        var source = new FixtureHtmlFiles(_dir);

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => source.GetRevisionHtmlAsync("en", 1, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public async Task Fixtures_PathLikeLanguage_IsRefused()
    {
        var source = new FixtureHtmlFiles(_dir);

        await Assert.ThrowsAsync<InvalidInputException>(() => source.GetRevisionHtmlAsync("../../etc", 1, CancellationToken.None));
    }

    [Fact]
    public void Create_ParsesLiveAndFixtures_AndRefusesOthers()
    {
        var client = new MediaWikiClientOptions();
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));

        Assert.Equal("live", _clients.Sources.Create("live", client, p => p).Description);
        var fixtures = _clients.Sources.Create("fixtures:sub", client, p => Path.Combine(_dir, p));
        Assert.Equal("fixtures:" + Path.Combine(_dir, "sub"), fixtures.Description);
        Assert.Throws<InvalidDataException>(() => _clients.Sources.Create("ftp:x.xml", client, p => p));
        Assert.Throws<DirectoryNotFoundException>(() => _clients.Sources.Create("fixtures:missing", client, p => Path.Combine(_dir, p)));
    }

    [Fact]
    public async Task Create_Fixtures_ServesHtmlFilesThroughTheSameSource()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "dewiki"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "dewiki", "99.html"), "<p>Hallo</p>");
        var source = _clients.Sources.Create("fixtures:" + _dir, new MediaWikiClientOptions(), p => p);

        Assert.Equal("<p>Hallo</p>", await source.GetRevisionHtmlAsync("de", 99, CancellationToken.None));
        Assert.Equal(RevisionOutcome.RevisionMissing, (await source.GetRevisionAsync("de", 99, CancellationToken.None)).Outcome);
    }
}
