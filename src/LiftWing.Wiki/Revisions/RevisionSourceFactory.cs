using LiftWing.Wiki.Emulation;
using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Revisions;

/// <summary>
/// Builds an <see cref="IRevisionSource"/> from a spec: <c>live</c> (the Action API over <paramref name="liveHttp"/>),
/// <c>fixtures:DIR</c> (recorded responses) or <c>dump:FILE</c> (an XML export). All three go through the same
/// <see cref="MediaWikiRevisionSource"/>, so the offline ones exercise the exact parsing the live one uses.
/// </summary>
public static class RevisionSourceFactory
{
    /// <summary>Creates the source; throws <see cref="ArgumentException"/> for an unknown spec.</summary>
    public static IRevisionSource Create(
        string spec,
        HttpClient liveHttp,
        MediaWikiClientOptions options,
        string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec == "live")
        {
            return new MediaWikiRevisionSource(new MediaWikiActionClient(liveHttp, options));
        }

        WikiStore store;
        if (spec.StartsWith("fixtures:", StringComparison.Ordinal))
        {
            store = FixtureLoader.Load(Resolve(spec["fixtures:".Length..], baseDirectory));
        }
        else if (spec.StartsWith("dump:", StringComparison.Ordinal))
        {
            store = XmlExportReader.Load(Resolve(spec["dump:".Length..], baseDirectory));
        }
        else
        {
            throw new ArgumentException($"unknown revision source '{spec}' (expected live, fixtures:DIR or dump:FILE)", nameof(spec));
        }

        // The emulator answers by Host header; a fixed base URL makes the client send one.
        var offline = new MediaWikiClientOptions
        {
            WikiUrl = new Uri("http://offline.invalid"),
            MaxRetries = 0,
            MaxLag = options.MaxLag,
            UserAgent = options.UserAgent,
            Timeout = options.Timeout,
        };
#pragma warning disable CA2000 // The HttpClient owns the handler and lives as long as the source.
        var http = new HttpClient(new ActionApiEmulatorHandler(new ActionApiEmulator(store)));
#pragma warning restore CA2000
        return new MediaWikiRevisionSource(new MediaWikiActionClient(http, offline));
    }

    private static string Resolve(string path, string? baseDirectory) =>
        Path.IsPathRooted(path) || baseDirectory is null ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
