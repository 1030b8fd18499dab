using LiftWing.Core.Errors;

namespace LiftWing.Wiki.Revisions;

/// <summary>
/// Recorded Parsoid HTML files: <c>{dir}/{wiki}/{rev_id}.html</c> (e.g. <c>enwiki/1321555271.html</c>), or the
/// shared-data naming <c>{dir}/{wiki}_{page_id}_rev{rev_id}.html</c>. A revision without a file is reported as
/// missing, as the live wiki would. The HTML half of a <c>fixtures:DIR</c> revision source.
/// </summary>
internal sealed class FixtureHtmlFiles
{
    private readonly string _directory;

    /// <summary>Creates a source over a folder, which must exist.</summary>
    public FixtureHtmlFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"fixtures folder {directory} does not exist.");
        }

        _directory = Path.GetFullPath(directory);
    }

    /// <summary>The HTML of a revision of <c>{lang}wiki</c>; a 422 when there is no file for it.</summary>
    public async Task<string> GetRevisionHtmlAsync(string lang, long revisionId, CancellationToken cancellationToken)
    {
        // The host-name check also keeps the language code from walking out of the folder.
        _ = MediaWiki.MediaWikiRestClient.WikipediaHost(lang);
        var wiki = lang + "wiki";
        var path = Path.Combine(_directory, wiki, revisionId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".html");
        if (!File.Exists(path))
        {
            path = Directory.EnumerateFiles(_directory, $"{wiki}_*_rev{revisionId}.html").FirstOrDefault() ?? path;
        }

        if (!File.Exists(path))
        {
            throw new UpstreamDataException(422, $"Fetching html failed for the article revision with id: {revisionId}. Reason: the revision does not exist in the {wiki} fixtures.", "revision-missing");
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
