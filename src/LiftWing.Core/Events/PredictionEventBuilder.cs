using System.Buffers;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiftWing.Core.Events;

/// <summary>
/// Builds a <c>prediction_classification_change</c> event from a <c>mediawiki.page_change.v1</c> event the way
/// Lift Wing's <c>events.generate_prediction_classification_event</c> does: the top-level change fields, a
/// <c>meta</c> with the stream and an id (plus <c>request_id</c>, <c>domain</c>, <c>uri</c> from the source),
/// whitelisted <c>page</c>/<c>revision</c>/<c>performer</c>/<c>prior_state</c>/<c>created_redirect_page</c>, and
/// <c>predicted_classification</c>. <c>meta.dt</c> is left to EventGate, as Lift Wing does.
/// </summary>
public static class PredictionEventBuilder
{
    /// <summary>The page_change schema prefix Lift Wing accepts for these events.</summary>
    public const string PageChangeSchemaPrefix = "/mediawiki/page/change/1";

    private static readonly JsonWriterOptions s_writerOptions = LiftWing.Core.Json.LiftWingJson.WriterOptions;

    /// <summary>Whether <paramref name="ev"/> is a page_change event Lift Wing builds events from.</summary>
    public static bool IsPageChange(JsonElement ev) =>
        ev.ValueKind == JsonValueKind.Object
        && ev.TryGetProperty("$schema", out var s) && s.ValueKind == JsonValueKind.String
        && s.GetString()!.StartsWith(PageChangeSchemaPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The event id: a UUID derived from the source event and the model (not Lift Wing's random uuid4), so a
    /// page_change processed twice (a retry, a reclaimed stream entry) gives the same <c>meta.id</c> and is emitted once.
    /// </summary>
    public static string EventId(JsonElement ev, string stream, PredictedClassification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var source = ev.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : Raw(ev, "wiki_id") + "|" + Raw(ev, "revision", "rev_id") + "|" + Raw(ev, "page_change_kind") + "|" + Raw(ev, "dt");
        var text = string.Join('\n', source, stream, classification.ModelName, classification.ModelVersion);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom, hash-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true).ToString();
    }

    /// <summary>Writes the event as UTF-8 JSON into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, JsonElement ev, PredictedClassification classification, string schemaUri, string stream, string id, EventSchemaProfile profile)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(profile);
        using var w = new Utf8JsonWriter(output, s_writerOptions);
        w.WriteStartObject();
        w.WriteString("$schema", schemaUri);
        Copy(w, ev, "changelog_kind");
        Copy(w, ev, "page_change_kind");
        Copy(w, ev, "dt");
        w.WriteStartObject("meta");
        w.WriteString("stream", stream);
        w.WriteString("id", id);
        if (ev.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            Copy(w, meta, "request_id");
            Copy(w, meta, "domain");
            Copy(w, meta, "uri");
        }

        w.WriteEndObject();
        Entity(w, ev, "page", profile.Page, profile);
        Entity(w, ev, "revision", profile.Revision, profile);
        Copy(w, ev, "wiki_id");
        w.WritePropertyName("predicted_classification");
        WriteClassification(w, classification);
        Entity(w, ev, "performer", profile.User, profile);
        if (ev.TryGetProperty("prior_state", out var prior) && prior.ValueKind == JsonValueKind.Object)
        {
            w.WriteStartObject("prior_state");
            Entity(w, prior, "page", profile.PriorPage, profile);
            Entity(w, prior, "revision", profile.Revision, profile);
            w.WriteEndObject();
        }

        Entity(w, ev, "created_redirect_page", profile.PriorPage, profile);
        Copy(w, ev, "comment");
        w.WriteEndObject();
    }

    /// <summary>Writes a <c>predicted_classification</c> object.</summary>
    public static void WriteClassification(Utf8JsonWriter w, PredictedClassification c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        w.WriteStartObject();
        w.WriteString("model_name", c.ModelName);
        w.WriteString("model_version", c.ModelVersion);
        w.WriteStartArray("predictions");
        foreach (var p in c.Predictions)
        {
            w.WriteStringValue(p);
        }

        w.WriteEndArray();
        w.WriteStartObject("probabilities");
        foreach (var (label, p) in c.Probabilities)
        {
            w.WriteNumber(label, p);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Copy(Utf8JsonWriter w, JsonElement from, string name)
    {
        if (from.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
        {
            w.WritePropertyName(name);
            v.WriteTo(w);
        }
    }

    // Copies an entity object keeping only whitelisted fields (nested users and redirect links filtered too).
    private static void Entity(Utf8JsonWriter w, JsonElement from, string name, FrozenSet<string> fields, EventSchemaProfile profile)
    {
        if (!from.TryGetProperty(name, out var entity) || entity.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var p in entity.EnumerateObject())
        {
            if (!fields.Contains(p.Name) || p.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (p.Name == "editor")
            {
                Entity(w, entity, "editor", profile.User, profile);
            }
            else if (p.Name == "redirect_page_link")
            {
                Entity(w, entity, "redirect_page_link", profile.RedirectLink, profile);
            }
            else
            {
                p.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }

    private static string Raw(JsonElement e, string a, string? b = null)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(a, out var v))
        {
            return "";
        }

        if (b is not null)
        {
            if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty(b, out v))
            {
                return "";
            }
        }

        return v.GetRawText();
    }
}
