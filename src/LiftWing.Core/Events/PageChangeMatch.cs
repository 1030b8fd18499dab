using System.Text.Json;

namespace LiftWing.Core.Events;

/// <summary>
/// Which <c>mediawiki.page_change.v1</c> events a model scores, as changeprop's <c>match</c>/<c>match_not</c> rules
/// (liftwing-reference-2 §3.1): the page change kinds, the namespaces, redirects, the canary domain and the wikis.
/// </summary>
public sealed class PageChangeMatch
{
    /// <summary>Accepted <c>page_change_kind</c> values (empty: any).</summary>
    public IList<string> PageChangeKinds { get; set; } = [];

    /// <summary>Accepted <c>page.namespace_id</c> values (empty: any).</summary>
    public IList<int> Namespaces { get; set; } = [];

    /// <summary>Skip events whose <c>page.is_redirect</c> is true (or absent).</summary>
    public bool ExcludeRedirects { get; set; }

    /// <summary>Skip events whose <c>meta.domain</c> is <c>canary</c> (EventGate's synthetic monitoring events).</summary>
    public bool ExcludeCanary { get; set; } = true;

    /// <summary>Accept only <c>wiki_id</c>s ending in <c>wiki</c> (Wikipedias and the wikis named like them).</summary>
    public bool WikipediaOnly { get; set; }

    /// <summary>Wikis never accepted (e.g. commonswiki).</summary>
    public IList<string> ExcludedWikis { get; set; } = [];

    /// <summary>When not empty, the only wikis accepted.</summary>
    public IList<string> Wikis { get; set; } = [];

    /// <summary>Matches everything except canary events.</summary>
    public static PageChangeMatch Any() => new();

    /// <summary>Lift Wing's rule for revertrisk-language-agnostic (and outlink): ns-0, non-redirect edits, creations and moves on Wikipedias.</summary>
    public static PageChangeMatch RevertRiskLanguageAgnostic() => new()
    {
        PageChangeKinds = ["edit", "create", "move"],
        Namespaces = [0],
        ExcludeRedirects = true,
        WikipediaOnly = true,
        ExcludedWikis = ["commonswiki", "metawiki", "sourceswiki", "specieswiki", "wikidatawiki"],
    };

    /// <summary>Whether the event matches; <paramref name="reason"/> says why not.</summary>
    public bool Matches(JsonElement ev, out string? reason)
    {
        reason = null;
        if (ev.ValueKind != JsonValueKind.Object)
        {
            reason = "not a JSON object";
            return false;
        }

        if (ExcludeCanary && Get(ev, "meta", "domain") is { ValueKind: JsonValueKind.String } d && d.ValueEquals("canary"))
        {
            reason = "canary event";
            return false;
        }

        var kind = Get(ev, "page_change_kind");
        if (PageChangeKinds.Count > 0 && (kind is not { ValueKind: JsonValueKind.String } k || !PageChangeKinds.Contains(k.GetString()!)))
        {
            reason = "page_change_kind not matched";
            return false;
        }

        if (Namespaces.Count > 0 && (Get(ev, "page", "namespace_id") is not { ValueKind: JsonValueKind.Number } ns || !ns.TryGetInt32(out var n) || !Namespaces.Contains(n)))
        {
            reason = "namespace not matched";
            return false;
        }

        if (ExcludeRedirects && Get(ev, "page", "is_redirect") is not { ValueKind: JsonValueKind.False })
        {
            reason = "redirect";
            return false;
        }

        var wiki = Get(ev, "wiki_id") is { ValueKind: JsonValueKind.String } w ? w.GetString()! : "";
        if ((WikipediaOnly && !wiki.EndsWith("wiki", StringComparison.Ordinal))
            || ExcludedWikis.Contains(wiki)
            || (Wikis.Count > 0 && !Wikis.Contains(wiki)))
        {
            reason = "wiki not matched";
            return false;
        }

        return true;
    }

    private static JsonElement? Get(JsonElement e, string a, string? b = null)
    {
        if (!e.TryGetProperty(a, out var v))
        {
            return null;
        }

        if (b is null)
        {
            return v;
        }

        return v.ValueKind == JsonValueKind.Object && v.TryGetProperty(b, out var w) ? w : null;
    }
}
