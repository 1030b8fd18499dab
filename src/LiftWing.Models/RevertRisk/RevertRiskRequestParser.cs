using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiftWing.Core.Errors;
using LiftWing.Wiki.Revisions;
using LiftWing.Wiki.Sites;

namespace LiftWing.Models.RevertRisk;

/// <summary>
/// Turns a V1 body into a <see cref="RevertRiskRequest"/> the way Lift Wing's <c>batch_model.parse_input_data</c> does,
/// with its messages; every problem is a 400: an <see cref="InvalidInputException"/> (<c>{"error"}</c>) where Lift Wing
/// raises KServe's InvalidInput, an <see cref="HttpDetailException"/> (<c>{"detail"}</c>) where it raises FastAPI's
/// HTTPException (wiki suffix, unknown lang, too many instances, mixed langs, non-Wikipedia event, revision_data).
/// </summary>
internal sealed partial class RevertRiskRequestParser(RevertRiskOptions options)
{
    /// <summary>Parses and validates.</summary>
    public RevertRiskRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Please verify that request input is a json dict");
        }

        if (body.TryGetProperty("revision_data", out var revisionData) && options.AllowRevisionJsonInput)
        {
            return new RevertRiskRequest(RevertRiskRequestKind.RevisionData, [], ParseRevisionData(revisionData));
        }

        if (body.TryGetProperty("instances", out var instances))
        {
            return ParseInstances(instances);
        }

        if (body.TryGetProperty("event", out var ev))
        {
            return new RevertRiskRequest(RevertRiskRequestKind.Event, [ParseEvent(ev)]);
        }

        if (body.TryGetProperty("revision_data", out _))
        {
            throw new InvalidInputException("revision_data input is disabled on this server (allow_revision_json_input is false).");
        }

        return new RevertRiskRequest(RevertRiskRequestKind.SingleRevision, [ParseInstance(body)]);
    }

    private RevertRiskRequest ParseInstances(JsonElement instances)
    {
        if (instances.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("Expected \"instances\" to be a list.");
        }

        // Lift Wing crashes on an empty list (a 500 from set().pop()); an empty list is a missing parameter here.
        if (instances.GetArrayLength() == 0)
        {
            throw new InvalidInputException(RevertRiskMessages.Required("instances"));
        }

        var keys = new List<RevisionKey>();
        foreach (var instance in instances.EnumerateArray())
        {
            keys.Add(ParseInstance(instance));
            if (keys.Count > options.MaxInstances)
            {
                throw new HttpDetailException(400, RevertRiskMessages.TooManyInstances(options.MaxInstances));
            }
        }

        if (keys.Select(k => k.Lang).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new HttpDetailException(400, RevertRiskMessages.MixedLanguages);
        }

        // Lift Wing keys its results by (rev_id, lang) in a dict: a repeated revision is answered once, at its first
        // position. The limit above counts the instances as sent, as Lift Wing's does.
        return new RevertRiskRequest(RevertRiskRequestKind.Batch, [.. keys.Distinct()]);
    }

    private static RevisionKey ParseInstance(JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Expected each instance to be a json dict with \"rev_id\" and \"lang\".");
        }

        var lang = instance.TryGetProperty("lang", out var l) ? l : default;
        if (IsFalsy(lang))
        {
            throw new InvalidInputException(RevertRiskMessages.Required("lang"));
        }

        var revId = instance.TryGetProperty("rev_id", out var r) ? r : default;
        if (IsFalsy(revId))
        {
            throw new InvalidInputException(RevertRiskMessages.Required("rev_id"));
        }

        if (lang.ValueKind != JsonValueKind.String)
        {
            throw new InvalidInputException("Expected \"lang\" to be a str.");
        }

        var code = lang.GetString()!;
        ValidateLang(code);
        return ParseRevisionId(revId, code);
    }

    private static RevisionKey ParseEvent(JsonElement ev)
    {
        if (ev.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Expected \"event\" to be a json dict.");
        }

        var domain = ev.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("domain", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
        if (!domain.Contains("wikipedia", StringComparison.Ordinal))
        {
            throw new HttpDetailException(400, RevertRiskMessages.NotWikipedia);
        }

        var wiki = StringProperty(ev, "wiki_id") ?? StringProperty(ev, "database");
        var match = wiki is null ? null : WikiDbPattern().Match(wiki);
        if (match is not { Success: true })
        {
            throw new InvalidInputException(RevertRiskMessages.Required("lang"));
        }

        var lang = match.Groups[1].Value;
        var revId = ev.TryGetProperty("revision", out var revision) && revision.ValueKind == JsonValueKind.Object && revision.TryGetProperty("rev_id", out var nested)
            ? nested
            : ev.TryGetProperty("rev_id", out var top) ? top : default;
        if (IsFalsy(revId))
        {
            throw new InvalidInputException(RevertRiskMessages.Required("rev_id"));
        }

        ValidateLang(lang);
        return ParseRevisionId(revId, lang);
    }

    private static RevisionData ParseRevisionData(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || RevertRiskMessages.RequiredRevisionFields.Any(f => Find(data, f) is null))
        {
            throw new HttpDetailException(400, RevertRiskMessages.MissingRevisionFields);
        }

        var lang = RequireString(data, "lang");
        ValidateLang(lang);
        var parentLang = RequireString(data, "parent.lang");
        var text = RequireString(data, "text");
        var parentText = RequireString(data, "parent.text");
        return new RevisionData
        {
            Id = RequireLong(data, "id"),
            Lang = lang,
            Text = text,
            Timestamp = RequireTimestamp(data, "timestamp"),
            Bytes = RequireLong(data, "bytes"),
            Comment = Find(data, "comment") is { ValueKind: JsonValueKind.String } c ? c.GetString() : null,
            Tags = StringList(data, "tags"),
            Page = new PageInfo(RequireLong(data, "page.id"), RequireString(data, "page.title"), RequireTimestamp(data, "page.first_edit_timestamp")),
            Parent = new ParentRevision(RequireLong(data, "parent.id"), parentLang, parentText, RequireTimestamp(data, "parent.timestamp"), RequireLong(data, "parent.bytes")),
            User = new UserInfo { Id = RequireLong(data, "user.id"), Groups = StringList(data, "user.groups") },
        };
    }

    private static void ValidateLang(string lang)
    {
        if (lang.EndsWith("wiki", StringComparison.Ordinal))
        {
            throw new HttpDetailException(400, RevertRiskMessages.WikiSuffix);
        }

        // Lift Wing accepts "test" (test.wikipedia.org) as "en" for this check only.
        if (!WikipediaLanguages.Contains(lang == "test" ? "en" : lang))
        {
            throw new HttpDetailException(400, RevertRiskMessages.UnknownLanguage(lang));
        }
    }

    // Lift Wing passes rev_id on untyped and echoes it as sent; here it must be a positive integer or a string of
    // one, and a string is echoed as the same string.
    private static RevisionKey ParseRevisionId(JsonElement value, string lang)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0)
        {
            return new RevisionKey(id, lang);
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            return new RevisionKey(id, lang, text);
        }

        throw new InvalidInputException("Expected \"rev_id\" to be a int.");
    }

    // Python truthiness, as Lift Wing's check_input_param applies it.
    private static bool IsFalsy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Number => value.TryGetDouble(out var d) && d == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    private static JsonElement? Find(JsonElement root, string dotted)
    {
        var current = root;
        foreach (var part in dotted.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current) || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return current;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequireString(JsonElement data, string field) =>
        Find(data, field) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new HttpDetailException(400, $"Field `{field}` of revision_data must be a string.");

    private static long RequireLong(JsonElement data, string field) =>
        Find(data, field) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n)
            ? n
            : throw new HttpDetailException(400, $"Field `{field}` of revision_data must be an integer.");

    private static DateTimeOffset RequireTimestamp(JsonElement data, string field) =>
        DateTimeOffset.TryParse(RequireString(data, field), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new HttpDetailException(400, $"Field `{field}` of revision_data must be an ISO 8601 timestamp such as 2022-02-15T04:30:00Z.");

    private static IReadOnlyList<string> StringList(JsonElement data, string field)
    {
        if (Find(data, field) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new HttpDetailException(400, $"Field `{field}` of revision_data must be a list of strings.");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    [GeneratedRegex(@"^(\w+)wiki", RegexOptions.CultureInvariant)]
    private static partial Regex WikiDbPattern();
}
