using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;

namespace LiftWing.Wiki.Emulation;

/// <summary>
/// Reads a MediaWiki XML export (<c>Special:Export</c> or a dump, schema 0.3 to 0.11) into a <see cref="WikiStore"/>,
/// streaming with <see cref="XmlReader"/> (no DTD, no external entities). Old exports lack <c>&lt;parentid&gt;</c>; the
/// previous revision of the page is the parent then. Exports carry no user groups or registration: their users get none.
/// </summary>
public static class XmlExportReader
{
    /// <summary>Reads a file; the host comes from <c>&lt;siteinfo&gt;&lt;base&gt;</c>, else <paramref name="defaultHost"/>.</summary>
    public static WikiStore Load(string path, string defaultHost = "en.wikipedia.org")
    {
        using var stream = File.OpenRead(path);
        return Load(stream, defaultHost);
    }

    /// <summary>Reads an export from a stream.</summary>
    public static WikiStore Load(Stream stream, string defaultHost = "en.wikipedia.org")
    {
        var store = new WikiStore();
        var host = defaultHost;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(stream, settings);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "base")
            {
                var baseUrl = reader.ReadElementContentAsString();
                if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
                {
                    host = uri.Host;
                }
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "page")
            {
                using (var page = reader.ReadSubtree())
                {
                    ReadPage(page, store, host);
                }

                reader.Read();
            }
            else
            {
                reader.Read();
            }
        }

        return store;
    }

    private static void ReadPage(XmlReader reader, WikiStore store, string host)
    {
        long pageId = 0;
        var title = "";
        var ns = 0;
        var revisions = new List<JsonObject>();
        reader.Read();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "title":
                    title = reader.ReadElementContentAsString();
                    break;
                case "ns":
                    ns = int.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture);
                    break;
                case "id" when reader.Depth == 1:
                    pageId = long.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture);
                    break;
                case "revision":
                    using (var sub = reader.ReadSubtree())
                    {
                        revisions.Add(ReadRevision(sub, store, host));
                    }

                    reader.Read();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        revisions.Sort((a, b) => a["revid"]!.GetValue<long>().CompareTo(b["revid"]!.GetValue<long>()));
        for (var i = 0; i < revisions.Count; i++)
        {
            revisions[i]["parentid"] ??= i == 0 ? 0 : revisions[i - 1]["revid"]!.GetValue<long>();
        }

        store.AddPage(host, pageId, title, ns, revisions);
    }

    private static JsonObject ReadRevision(XmlReader reader, WikiStore store, string host)
    {
        var revision = new JsonObject { ["tags"] = new JsonArray() };
        reader.Read();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "id" when reader.Depth == 1:
                    revision["revid"] = long.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture);
                    break;
                case "parentid":
                    revision["parentid"] = long.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture);
                    break;
                case "timestamp":
                    revision["timestamp"] = reader.ReadElementContentAsString();
                    break;
                case "minor":
                    revision["minor"] = true;
                    reader.Skip();
                    break;
                case "comment":
                    if (reader.GetAttribute("deleted") is not null)
                    {
                        revision["commenthidden"] = true;
                    }

                    revision["comment"] = reader.ReadElementContentAsString();
                    break;
                case "contributor":
                    ReadContributor(reader, revision, store, host);
                    reader.Read();
                    break;
                case "text":
                    var deleted = reader.GetAttribute("deleted") is not null;
                    var text = reader.ReadElementContentAsString();
                    revision["size"] = Encoding.UTF8.GetByteCount(text);
                    revision["slots"] = new JsonObject
                    {
                        ["main"] = deleted
                            ? new JsonObject { ["texthidden"] = true }
                            : new JsonObject { ["contentmodel"] = "wikitext", ["contentformat"] = "text/x-wiki", ["content"] = text },
                    };
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return revision;
    }

    private static void ReadContributor(XmlReader outer, JsonObject revision, WikiStore store, string host)
    {
        if (outer.GetAttribute("deleted") is not null)
        {
            revision["userhidden"] = true;
            return;
        }

        string? name = null;
        long id = 0;
        using var reader = outer.ReadSubtree();
        reader.Read();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "username" or "ip":
                    name = reader.ReadElementContentAsString();
                    break;
                case "id":
                    id = long.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        revision["user"] = name ?? "";
        revision["userid"] = id;
        if (id > 0)
        {
            store.AddUser(host, new JsonObject { ["userid"] = id, ["name"] = name ?? "", ["groups"] = new JsonArray("*", "user") });
        }
    }
}
