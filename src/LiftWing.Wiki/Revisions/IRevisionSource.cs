namespace LiftWing.Wiki.Revisions;

/// <summary>
/// Where revisions come from: <c>live</c> (MediaWiki Action API), <c>fixtures:DIR</c> (recorded Action-API JSON) or
/// <c>dump:FILE</c> (an XML export); see <see cref="RevisionSourceFactory"/>. Unreachable upstreams throw
/// <see cref="MediaWiki.MediaWikiUnavailableException"/>; missing or hidden data is a <see cref="RevisionOutcome"/>.
/// </summary>
public interface IRevisionSource
{
    /// <summary>Gathers a revision, its parent, the page's first edit and the user.</summary>
    ValueTask<RevisionFetchResult> GetRevisionAsync(string lang, long revisionId, CancellationToken cancellationToken);
}
