using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Emulation;

/// <summary>
/// Loads recorded Action API responses into a <see cref="WikiStore"/>. Layout: <c>DIR/&lt;lang&gt;/*.json</c>, each file a
/// <c>formatversion=2</c> query response (<c>{"query":{"pages":[{"pageid","ns","title","revisions":[…]}],"users":[…]}}</c>),
/// as recorded from <c>prop=revisions&amp;rvprop=ids|timestamp|size|comment|user|userid|tags|content&amp;rvslots=main</c>
/// and <c>list=users&amp;usprop=groups|registration</c>.
/// </summary>
public static class FixtureLoader
{
    /// <summary>Reads every fixture under <paramref name="directory"/>.</summary>
    public static WikiStore Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"fixtures directory '{directory}' does not exist");
        }

        var store = new WikiStore();
        foreach (var langDir in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var host = MediaWikiHosts.WikipediaHost(Path.GetFileName(langDir));
            foreach (var file in Directory.EnumerateFiles(langDir, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    AddResponse(store, host, JsonNode.Parse(File.ReadAllText(file)));
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{file}: {ex.Message}", ex);
                }
            }
        }

        return store;
    }

    /// <summary>Adds the pages and users of one recorded query response.</summary>
    public static void AddResponse(WikiStore store, string host, JsonNode? response)
    {
        var query = response?["query"] ?? throw new InvalidDataException("not an Action API query response (no 'query')");
        foreach (var page in query["pages"]?.AsArray() ?? [])
        {
            if (page is null || page["missing"] is not null)
            {
                continue;
            }

            var revisions = (page["revisions"]?.AsArray() ?? []).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()).ToList();
            foreach (var revision in revisions.Where(r => r["size"] is null && r["slots"]?["main"]?["content"] is not null))
            {
                revision["size"] = System.Text.Encoding.UTF8.GetByteCount(revision["slots"]!["main"]!["content"]!.GetValue<string>());
            }

            store.AddPage(host, page["pageid"]!.GetValue<long>(), page["title"]?.GetValue<string>() ?? "", page["ns"]?.GetValue<int>() ?? 0, revisions);
        }

        foreach (var user in query["users"]?.AsArray() ?? [])
        {
            if (user is JsonObject u && u["missing"] is null)
            {
                store.AddUser(host, (JsonObject)u.DeepClone());
            }
        }
    }
}
