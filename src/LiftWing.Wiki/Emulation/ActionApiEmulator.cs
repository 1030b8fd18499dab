using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LiftWing.Wiki.Emulation;

/// <summary>
/// Answers the Action API queries that revision gathering sends (<c>action=query</c>, <c>formatversion=2</c>:
/// <c>prop=revisions</c> by <c>revids</c> or by <c>pageids</c> with <c>rvdir=newer&amp;rvlimit=1</c>, and
/// <c>list=users</c> by <c>ususerids</c>) from a <see cref="WikiStore"/>, in MediaWiki's response shapes:
/// <c>badrevids</c> for unknown revisions, <c>missing</c> pages and users, <c>texthidden</c>/<c>userhidden</c>/
/// <c>commenthidden</c> for revision-deleted fields. Anything else gets MediaWiki's <c>badvalue</c>/<c>unsupported</c> error.
/// </summary>
public sealed class ActionApiEmulator(WikiStore store)
{
    /// <summary>Answers one request; returns the HTTP status and JSON body.</summary>
    public (int Status, string Json) Answer(string host, NameValueCollection query)
    {
        if (query["action"] != "query")
        {
            return Error("unsupported", $"Only action=query is emulated, not '{query["action"]}'.");
        }

        if (query["format"] != "json" || query["formatversion"] != "2")
        {
            return Error("badvalue", "The emulator answers format=json&formatversion=2 only.");
        }

        var result = new JsonObject();
        var prop = query["prop"];
        if (prop == "revisions")
        {
            if (query["revids"] is { } revids)
            {
                AnswerRevisions(host, revids, Props(query["rvprop"]), result);
            }
            else if (query["pageids"] is { } pageids && query["rvdir"] == "newer" && query["rvlimit"] == "1")
            {
                AnswerFirstRevision(host, pageids, Props(query["rvprop"]), result);
            }
            else
            {
                return Error("unsupported", "prop=revisions needs revids, or pageids with rvdir=newer&rvlimit=1.");
            }
        }
        else if (prop is not null)
        {
            return Error("unsupported", $"prop={prop} is not emulated.");
        }

        if (query["list"] == "users")
        {
            AnswerUsers(host, query["ususerids"] ?? "", Props(query["usprop"]), result);
        }
        else if (query["list"] is { } list)
        {
            return Error("unsupported", $"list={list} is not emulated.");
        }

        return (200, new JsonObject { ["batchcomplete"] = true, ["query"] = result }.ToJsonString());
    }

    private void AnswerRevisions(string host, string revids, HashSet<string> props, JsonObject result)
    {
        var pages = new Dictionary<long, JsonObject>();
        var order = new List<JsonObject>();
        var bad = new JsonObject();
        foreach (var id in Ids(revids))
        {
            if (!store.TryGetRevision(host, id, out var page, out var revision))
            {
                bad[id.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["revid"] = id, ["missing"] = true };
                continue;
            }

            if (!pages.TryGetValue(page.Id, out var pageJson))
            {
                pageJson = PageJson(page);
                pageJson["revisions"] = new JsonArray();
                pages[page.Id] = pageJson;
                order.Add(pageJson);
            }

            pageJson["revisions"]!.AsArray().Add(Project(revision, props));
        }

        if (bad.Count > 0)
        {
            result["badrevids"] = bad;
        }

        if (order.Count > 0)
        {
            result["pages"] = new JsonArray([.. order]);
        }
    }

    private void AnswerFirstRevision(string host, string pageids, HashSet<string> props, JsonObject result)
    {
        var pages = new JsonArray();
        foreach (var id in Ids(pageids))
        {
            var page = store.GetPage(host, id);
            if (page is null || page.Revisions.Count == 0)
            {
                pages.Add(new JsonObject { ["pageid"] = id, ["missing"] = true });
                continue;
            }

            var json = PageJson(page);
            json["revisions"] = new JsonArray(Project(page.Revisions.First().Value, props));
            pages.Add(json);
        }

        result["pages"] = pages;
    }

    private void AnswerUsers(string host, string userids, HashSet<string> props, JsonObject result)
    {
        var users = new JsonArray();
        foreach (var id in Ids(userids))
        {
            var user = store.GetUser(host, id);
            if (user is null)
            {
                users.Add(new JsonObject { ["userid"] = id, ["missing"] = true });
                continue;
            }

            var json = new JsonObject { ["userid"] = id, ["name"] = user["name"]?.DeepClone() };
            foreach (var p in new[] { "groups", "registration" })
            {
                if (props.Contains(p) && user[p] is { } value)
                {
                    json[p] = value.DeepClone();
                }
            }

            users.Add(json);
        }

        result["users"] = users;
    }

    private static JsonObject PageJson(WikiStore.Page page) =>
        new() { ["pageid"] = page.Id, ["ns"] = page.Namespace, ["title"] = page.Title };

    // Keeps only what rvprop asked for, the way MediaWiki does; hidden fields become their *hidden flags.
    private static JsonObject Project(JsonObject revision, HashSet<string> props)
    {
        var json = new JsonObject();
        if (props.Contains("ids"))
        {
            json["revid"] = revision["revid"]?.DeepClone();
            json["parentid"] = revision["parentid"]?.DeepClone() ?? 0;
        }

        foreach (var flag in new[] { "minor", "suppressed" })
        {
            if (revision[flag] is { } value)
            {
                json[flag] = value.DeepClone();
            }
        }

        if ((props.Contains("user") || props.Contains("userid")) && revision["userhidden"]?.GetValue<bool>() == true)
        {
            json["userhidden"] = true;
        }
        else
        {
            CopyIf(props, "user", revision, json);
            CopyIf(props, "userid", revision, json);
        }

        CopyIf(props, "timestamp", revision, json);
        CopyIf(props, "size", revision, json);
        if (props.Contains("comment"))
        {
            if (revision["commenthidden"]?.GetValue<bool>() == true)
            {
                json["commenthidden"] = true;
            }
            else
            {
                json["comment"] = revision["comment"]?.DeepClone() ?? "";
            }
        }

        if (props.Contains("tags"))
        {
            json["tags"] = revision["tags"]?.DeepClone() ?? new JsonArray();
        }

        if (props.Contains("content") && revision["slots"]?["main"] is JsonObject main)
        {
            json["slots"] = new JsonObject { ["main"] = main.DeepClone() };
        }

        return json;
    }

    private static void CopyIf(HashSet<string> props, string name, JsonObject from, JsonObject to)
    {
        if (props.Contains(name) && from[name] is { } value)
        {
            to[name] = value.DeepClone();
        }
    }

    private static HashSet<string> Props(string? value) =>
        new((value ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private static IEnumerable<long> Ids(string value) =>
        value.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0);

    private static (int, string) Error(string code, string info) =>
        (200, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["info"] = info } }.ToJsonString());
}
