using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Sources;

/// <summary>The live wikis, through the MediaWiki REST API.</summary>
public sealed class LiveRevisionHtmlSource(MediaWikiRestClient client) : IRevisionHtmlSource
{
    /// <inheritdoc />
    public string Description => "live";

    /// <inheritdoc />
    public Task<string> GetRevisionHtmlAsync(string lang, long revisionId, CancellationToken cancellationToken) =>
        client.GetRevisionHtmlAsync(lang, revisionId, cancellationToken);
}
