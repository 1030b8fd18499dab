using System.Text.Json.Nodes;
using LiftWing.Wiki.Emulation;

namespace LiftWing.Tests.Common.FakeMediaWiki;

/// <summary>Builds <see cref="WikiStore"/> content in Action API (formatversion=2) shapes for tests.</summary>
public static class WikiFixtures
{
    /// <summary>A revision object as <c>prop=revisions</c> returns it.</summary>
    public static JsonObject Revision(long revid, long parentid, string timestamp, string? text, string user = "Example", long userid = 42,
        string comment = "", string[]? tags = null, bool userHidden = false)
    {
        var revision = new JsonObject
        {
            ["revid"] = revid,
            ["parentid"] = parentid,
            ["timestamp"] = timestamp,
            ["comment"] = comment,
            ["tags"] = new JsonArray([.. (tags ?? []).Select(t => (JsonNode)t)]),
            ["slots"] = new JsonObject
            {
                ["main"] = text is null
                    ? new JsonObject { ["texthidden"] = true }
                    : new JsonObject { ["contentmodel"] = "wikitext", ["contentformat"] = "text/x-wiki", ["content"] = text },
            },
        };
        if (text is not null)
        {
            revision["size"] = System.Text.Encoding.UTF8.GetByteCount(text);
        }

        if (userHidden)
        {
            revision["userhidden"] = true;
        }
        else
        {
            revision["user"] = user;
            revision["userid"] = userid;
        }

        return revision;
    }

    /// <summary>A user as <c>list=users&amp;usprop=groups|registration</c> returns it.</summary>
    public static JsonObject User(long userid, string name, string[] groups, string? registration = "2015-03-01T10:00:00Z")
    {
        var user = new JsonObject { ["userid"] = userid, ["name"] = name, ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]) };
        if (registration is not null)
        {
            user["registration"] = registration;
        }

        return user;
    }
}
