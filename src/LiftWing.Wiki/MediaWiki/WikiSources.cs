using LiftWing.Wiki.Revisions;
using LiftWing.Wiki.Sources;
using Microsoft.Extensions.Options;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Builds the wiki data sources a model asks for by its model.yaml spelling (<c>live</c>, <c>fixtures:DIR</c>,
/// <c>dump:FILE</c>), over the named <see cref="HttpClient"/>s of <c>AddMediaWiki()</c> and the deployment's
/// <see cref="MediaWikiOptions"/>. Models get this from DI instead of building HTTP clients themselves.
/// </summary>
public sealed class WikiSources(IHttpClientFactory httpClients, IOptions<MediaWikiOptions> options)
{
    /// <summary>The named client for the Action API (revisions, users, pages).</summary>
    public const string ActionApiClient = "mediawiki-action";

    /// <summary>The named client for the REST API (Parsoid HTML).</summary>
    public const string RestApiClient = MediaWikiRestClient.HttpClientName;

    /// <summary>The deployment's wiki settings.</summary>
    public MediaWikiOptions Options => options.Value;

    /// <summary>A revision source (wikitext, user, page) per spec; <paramref name="client"/> describes the live endpoint.</summary>
    public IRevisionSource Revisions(string spec, MediaWikiClientOptions client, string baseDirectory) =>
        RevisionSourceFactory.Create(spec, httpClients.CreateClient(ActionApiClient), client, baseDirectory);

    /// <summary>A Parsoid HTML source per spec; <paramref name="client"/> describes the live endpoint.</summary>
    public IRevisionHtmlSource Html(string spec, Func<string, string> resolvePath, MediaWikiRestOptions client) =>
        RevisionHtmlSources.Create(spec, resolvePath, () => new MediaWikiRestClient(httpClients.CreateClient(RestApiClient), client));
}
