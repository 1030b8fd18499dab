using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Sources;

/// <summary>Builds a source from its model.yaml spelling: <c>live</c> or <c>fixtures:DIR</c>.</summary>
public static class RevisionHtmlSources
{
    /// <summary>The <c>live</c> source name.</summary>
    public const string Live = "live";

    /// <summary>The prefix of a fixtures source.</summary>
    public const string FixturesPrefix = "fixtures:";

    /// <summary>Creates a source. <paramref name="resolvePath"/> resolves a relative fixtures folder (against the model folder).</summary>
    /// <exception cref="InvalidDataException">The spec is neither form.</exception>
    public static IRevisionHtmlSource Create(string spec, Func<string, string> resolvePath, Func<MediaWikiRestClient> liveClient)
    {
        ArgumentNullException.ThrowIfNull(resolvePath);
        ArgumentNullException.ThrowIfNull(liveClient);
        spec = (spec ?? "").Trim();
        if (spec == Live)
        {
            return new LiveRevisionHtmlSource(liveClient());
        }

        if (spec.StartsWith(FixturesPrefix, StringComparison.Ordinal) && spec.Length > FixturesPrefix.Length)
        {
            return new FixtureRevisionHtmlSource(resolvePath(spec[FixturesPrefix.Length..]));
        }

        throw new InvalidDataException($"source '{spec}' is not supported: use 'live' or 'fixtures:DIR'.");
    }
}
