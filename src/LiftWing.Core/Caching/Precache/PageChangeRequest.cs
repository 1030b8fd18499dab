using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Core.Caching.Precache;

/// <summary>
/// Turns a <c>mediawiki.page_change.v1</c> event into a model request: <c>{"rev_id", "lang"}</c> (the
/// revision models' input: <c>revision.rev_id</c>, and the language from <c>wiki_id</c> minus its
/// <c>wiki</c> suffix, else the first label of <c>meta.domain</c>) or, in event mode, <c>{"event": ...}</c>
/// as changeprop posts it. An event wrapped as <c>{"event": ...}</c> is unwrapped first.
/// </summary>
internal static class PageChangeRequest
{
    /// <summary>Builds the request body, or gives the reason the event is skipped.</summary>
    public static bool TryBuild(string json, bool eventMode, out JsonDocument? body, out string? skipReason)
    {
        body = null;
        skipReason = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            skipReason = "not JSON";
            return false;
        }

        if (root is JsonObject { } wrapper && wrapper["event"] is JsonObject inner)
        {
            root = inner;
        }

        if (root is not JsonObject ev)
        {
            skipReason = "not a JSON object";
            return false;
        }

        if (ev["page_change_kind"]?.GetValueKind() == JsonValueKind.String && ev["page_change_kind"]!.GetValue<string>() == "delete")
        {
            skipReason = "page deleted";
            return false;
        }

        if (ev["revision"]?["rev_id"] is not JsonValue rv || !rv.TryGetValue<long>(out var revId))
        {
            skipReason = "no revision.rev_id";
            return false;
        }

        var lang = Lang(ev);
        if (lang is null)
        {
            skipReason = "no wiki_id or meta.domain";
            return false;
        }

        var result = eventMode
            ? new JsonObject { ["event"] = ev.DeepClone() }
            : new JsonObject { ["rev_id"] = revId, ["lang"] = lang };
        body = JsonDocument.Parse(result.ToJsonString());
        return true;
    }

    private static string? Lang(JsonObject ev)
    {
        if (ev["wiki_id"] is JsonValue w && w.TryGetValue<string>(out var wiki) && wiki.EndsWith("wiki", StringComparison.Ordinal) && wiki.Length > 4)
        {
            return wiki[..^4].Replace('_', '-');
        }

        return ev["meta"]?["domain"] is JsonValue d && d.TryGetValue<string>(out var domain) && domain.Contains('.', StringComparison.Ordinal)
            ? domain[..domain.IndexOf('.', StringComparison.Ordinal)]
            : null;
    }
}
