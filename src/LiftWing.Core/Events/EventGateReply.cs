using System.Text.Json;

namespace LiftWing.Core.Events;

/// <summary>
/// EventGate's answer body for 207/400/500: <c>{"invalid": [EventStatus], "error": [EventStatus]}</c>, where an
/// EventStatus is <c>{"status", "event", "context"}</c> (eventgate <c>routes/events.js</c>). Events are matched back
/// by <c>event.meta.id</c>.
/// </summary>
internal sealed class EventGateReply
{
    public Dictionary<string, string?> Invalid { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Error { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses a body; null when it is not EventGate's shape.</summary>
    public static EventGateReply? TryParse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var reply = new EventGateReply();
            var any = Read(doc.RootElement, "invalid", reply.Invalid);
            any |= Read(doc.RootElement, "error", reply.Error);
            return any ? reply : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Read(JsonElement root, string name, Dictionary<string, string?> into)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var status in list.EnumerateArray())
        {
            if (status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("event", out var ev) && ev.ValueKind == JsonValueKind.Object
                && ev.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                into[id.GetString()!] = status.TryGetProperty("context", out var context) ? context.GetRawText() : null;
            }
        }

        return true;
    }
}
