namespace LiftWing.Wiki.MediaWiki;

/// <summary>Maps a Wikipedia language code to its host, with Lift Wing's <c>mw_host_replace</c> table.</summary>
internal static class MediaWikiHosts
{
    /// <summary>Language codes whose wiki lives under another subdomain (<c>lw:python/config.yaml</c>).</summary>
    public static IReadOnlyDictionary<string, string> Replacements { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["be-x-old"] = "be-tarask",
        ["yue"] = "zh-yue",
        ["gsw"] = "als",
        ["sgs"] = "bat-smg",
        ["nan"] = "zh-min-nan",
        ["lzh"] = "zh-classical",
    };

    /// <summary>The Wikipedia host for a language, e.g. <c>gsw</c> → <c>als.wikipedia.org</c>.</summary>
    public static string WikipediaHost(string lang) =>
        (Replacements.TryGetValue(lang, out var replaced) ? replaced : lang) + ".wikipedia.org";
}
