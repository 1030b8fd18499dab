using LiftWing.Core.Errors;
using LiftWing.Tests.Common;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.Sources;

namespace LiftWing.Wiki.Tests.Sources;

public sealed class RevisionHtmlSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-fixtures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Fixtures_WikiFolderAndRevisionFile_IsServed()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "dewiki"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "dewiki", "99.html"), "<p>Hallo</p>");
        var source = new FixtureRevisionHtmlSource(_dir);

        Assert.Equal("<p>Hallo</p>", await source.GetRevisionHtmlAsync("de", 99, CancellationToken.None));
    }

    [Fact]
    public async Task Fixtures_SharedDataNaming_IsServed()
    {
        var source = new FixtureRevisionHtmlSource(TestPaths.SharedData("liftwing", "parsoid"));

        var html = await source.GetRevisionHtmlAsync("en", 1321555271, CancellationToken.None);

        Assert.Equal(100415, new FileInfo(TestPaths.SharedData("liftwing", "parsoid", "enwiki_70793851_rev1321555271.html")).Length);
        Assert.Contains("Anees Mokhiber", html);
    }

    [Fact]
    public async Task Fixtures_MissingRevision_Is422RevisionDoesNotExist()
    {
        var source = new FixtureRevisionHtmlSource(_dir);

        var ex = await Assert.ThrowsAsync<UpstreamDataException>(() => source.GetRevisionHtmlAsync("en", 1, CancellationToken.None));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public async Task Fixtures_PathLikeLanguage_IsRefused()
    {
        var source = new FixtureRevisionHtmlSource(_dir);

        await Assert.ThrowsAsync<InvalidInputException>(() => source.GetRevisionHtmlAsync("../../etc", 1, CancellationToken.None));
    }

    [Fact]
    public void Create_ParsesLiveAndFixtures_AndRefusesOthers()
    {
        var client = new MediaWikiRestClient(new HttpClient(), new MediaWikiRestOptions());
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));

        Assert.Equal("live", RevisionHtmlSources.Create("live", p => p, () => client).Description);
        var fixtures = RevisionHtmlSources.Create("fixtures:sub", p => Path.Combine(_dir, p), () => client);
        Assert.Equal("fixtures:" + Path.Combine(_dir, "sub"), fixtures.Description);
        Assert.Throws<InvalidDataException>(() => RevisionHtmlSources.Create("dump:x.xml", p => p, () => client));
        Assert.Throws<DirectoryNotFoundException>(() => RevisionHtmlSources.Create("fixtures:missing", p => Path.Combine(_dir, p), () => client));
    }
}
