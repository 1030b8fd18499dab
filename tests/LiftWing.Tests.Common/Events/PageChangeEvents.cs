using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Tests.Common.Events;

/// <summary>mediawiki.page_change.v1 events for tests: the recorded enwiki payload (../shared/data/liftwing/events) and variants of it.</summary>
public static class PageChangeEvents
{
    private static readonly Lazy<JsonObject> s_recorded = new(() =>
        JsonNode.Parse(File.ReadAllText(TestPaths.SharedData("liftwing", "events", "enwiki_page_change_payload.json")))!["event"]!.AsObject());

    /// <summary>The recorded event (a fresh copy).</summary>
    public static JsonObject Recorded() => s_recorded.Value.DeepClone().AsObject();

    /// <summary>The recorded event with its own <c>meta.id</c>, a revision and page of the test wiki, and optional changes.</summary>
    public static JsonObject Variant(int n, long revId, Action<JsonObject>? change = null)
    {
        var ev = Recorded();
        ev["meta"]!["id"] = $"00000000-0000-4000-8000-{n.ToString("D12", CultureInfo.InvariantCulture)}";
        ev["revision"]!["rev_id"] = revId;
        change?.Invoke(ev);
        return ev;
    }

    /// <summary>Parses a node as a <see cref="JsonElement"/>.</summary>
    public static JsonElement Element(JsonNode node)
    {
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return doc.RootElement.Clone();
    }
}
