namespace LiftWing.Wiki.Sources;

/// <summary>
/// Where a model gets a revision's Parsoid HTML: the live wiki, or recorded files (tests, demos, offline).
/// Selected per model with <c>source: live | fixtures:DIR</c> in model.yaml.
/// </summary>
public interface IRevisionHtmlSource
{
    /// <summary>A short description for logs and errors, e.g. <c>live</c> or <c>fixtures:/path</c>.</summary>
    string Description { get; }

    /// <summary>The HTML of a revision of <c>{lang}wiki</c>.</summary>
    /// <exception cref="LiftWing.Core.Errors.UpstreamDataException">The revision is missing (4xx) or the source failed (5xx).</exception>
    Task<string> GetRevisionHtmlAsync(string lang, long revisionId, CancellationToken cancellationToken);
}
