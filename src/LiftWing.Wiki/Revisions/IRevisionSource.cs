namespace LiftWing.Wiki.Revisions;

/// <summary>
/// Where a model's wiki data comes from — the revision with its parent, page and user (revert risk) and a revision's
/// Parsoid HTML (article quality) — named in model.yaml as <c>live</c> (the MediaWiki Action and REST APIs),
/// <c>fixtures:DIR</c> (recorded Action API JSON and HTML files) or <c>dump:FILE</c> (an XML export, no HTML).
/// Built by <see cref="MediaWiki.WikiSources.Create"/>. Missing or hidden revisions are a <see cref="RevisionOutcome"/>
/// (metadata) or a 422 (HTML); an unreachable wiki is an <see cref="LiftWing.Core.Errors.UpstreamDataException"/> with a 5xx.
/// </summary>
public interface IRevisionSource
{
    /// <summary>A short description for logs and errors: <c>live</c>, <c>fixtures:/path</c> or <c>dump:/path</c>.</summary>
    string Description { get; }

    /// <summary>Gathers a revision, its parent, the page's first edit and the user.</summary>
    ValueTask<RevisionFetchResult> GetRevisionAsync(string lang, long revisionId, CancellationToken cancellationToken);

    /// <summary>The Parsoid HTML of a revision of <c>{lang}wiki</c>.</summary>
    /// <exception cref="LiftWing.Core.Errors.UpstreamDataException">The revision is missing (4xx) or the source failed (5xx).</exception>
    Task<string> GetRevisionHtmlAsync(string lang, long revisionId, CancellationToken cancellationToken);
}
