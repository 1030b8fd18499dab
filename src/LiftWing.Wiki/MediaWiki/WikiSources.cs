using LiftWing.Wiki.Emulation;
using LiftWing.Wiki.Revisions;
using Microsoft.Extensions.Options;

namespace LiftWing.Wiki.MediaWiki;

/// <summary>
/// Builds the <see cref="IRevisionSource"/> a model names in model.yaml (<c>live</c>, <c>fixtures:DIR</c>,
/// <c>dump:FILE</c>), over the named <see cref="HttpClient"/>s of <c>AddMediaWiki()</c> and the deployment's
/// <see cref="MediaWikiOptions"/>. Models take this in their constructors instead of building HTTP clients themselves.
/// </summary>
public sealed class WikiSources(IHttpClientFactory httpClients, IOptions<MediaWikiOptions> options)
{
    /// <summary>The named client for the Action API (revisions, users, pages).</summary>
    public const string ActionApiClient = "mediawiki-action";

    /// <summary>The named client for the REST API (Parsoid HTML).</summary>
    public const string RestApiClient = MediaWikiRestClient.HttpClientName;

    /// <summary>The named client of the offline sources: its primary handler is an in-process <see cref="ActionApiEmulatorHandler"/>.</summary>
    public const string OfflineApiClient = "mediawiki-offline";

    /// <summary>The <c>live</c> source name.</summary>
    public const string Live = "live";

    /// <summary>The prefix of a recorded-responses source.</summary>
    public const string FixturesPrefix = "fixtures:";

    /// <summary>The prefix of an XML-export source.</summary>
    public const string DumpPrefix = "dump:";

    // The emulator answers by Host header; a fixed base URL makes the client send one.
    private static readonly Uri s_offlineUrl = new("http://offline.invalid");

    /// <summary>The deployment's wiki settings.</summary>
    public MediaWikiOptions Options => options.Value;

    /// <summary>
    /// Creates the source a spec names; <paramref name="client"/> describes the live endpoint, and
    /// <paramref name="resolvePath"/> resolves a relative fixtures folder or dump file (against the model folder).
    /// </summary>
    /// <exception cref="InvalidDataException">The spec is none of the three forms.</exception>
    /// <exception cref="DirectoryNotFoundException">A fixtures folder does not exist.</exception>
    public IRevisionSource Create(string spec, MediaWikiClientOptions client, Func<string, string> resolvePath)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resolvePath);
        spec = (spec ?? "").Trim();
        if (spec == Live)
        {
            return new MediaWikiRevisionSource(
                new MediaWikiActionClient(httpClients.CreateClient(ActionApiClient), client),
                new MediaWikiRestClient(httpClients.CreateClient(RestApiClient), client));
        }

        if (spec.StartsWith(FixturesPrefix, StringComparison.Ordinal) && spec.Length > FixturesPrefix.Length)
        {
            var directory = Path.GetFullPath(resolvePath(spec[FixturesPrefix.Length..]));
            var html = new FixtureHtmlFiles(directory);
            return new MediaWikiRevisionSource(Offline(FixtureLoader.Load(directory), client), html.GetRevisionHtmlAsync, FixturesPrefix + directory);
        }

        if (spec.StartsWith(DumpPrefix, StringComparison.Ordinal) && spec.Length > DumpPrefix.Length)
        {
            var file = Path.GetFullPath(resolvePath(spec[DumpPrefix.Length..]));
            return new MediaWikiRevisionSource(Offline(XmlExportReader.Load(file), client), html: null, DumpPrefix + file);
        }

        throw new InvalidDataException($"source '{spec}' is not supported: use 'live', 'fixtures:DIR' or 'dump:FILE'.");
    }

    private MediaWikiActionClient Offline(WikiStore store, MediaWikiClientOptions client) => new(
        httpClients.CreateClient(OfflineApiClient),
        new MediaWikiClientOptions { WikiUrl = s_offlineUrl, MaxRetries = 0, MaxLag = client.MaxLag, UserAgent = client.UserAgent, Timeout = client.Timeout },
        new ActionApiEmulator(store));
}
