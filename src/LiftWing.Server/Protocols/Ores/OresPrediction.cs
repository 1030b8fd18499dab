using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// The typing rule for <c>score</c>, as ORES emitted it (never ores-legacy's ptwiki bug, where the class <c>"1"</c>
/// became <c>true</c>): a bool stays a bool, the strings true/false (any case) become bools, every other string
/// stays a string, a number becomes its string form, a list becomes a list of strings; <c>probability</c> keys
/// stay strings.
/// </summary>
internal static class OresPrediction
{
    /// <summary>Builds the typed <c>{"prediction", "probability"}</c>; null when the element is not a score.</summary>
    public static JsonObject? TypedScore(JsonElement score)
    {
        if (score.ValueKind != JsonValueKind.Object || !score.TryGetProperty("prediction", out var prediction))
        {
            return null;
        }

        var typed = new JsonObject { ["prediction"] = Typed(prediction) };
        if (score.TryGetProperty("probability", out var probability))
        {
            if (Probability(probability) is not { } p)
            {
                return null;
            }

            typed["probability"] = p;
        }

        return typed;
    }

    /// <summary>A <c>probability</c> map: string keys, numbers kept as numbers; null when it is not an object.</summary>
    public static JsonObject? Probability(JsonElement probability)
    {
        if (probability.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var p = new JsonObject();
        foreach (var kv in probability.EnumerateObject())
        {
            p[kv.Name] = kv.Value.ValueKind == JsonValueKind.Number ? JsonValue.Create(kv.Value.GetDouble()) : JsonNode.Parse(kv.Value.GetRawText());
        }

        return p;
    }

    /// <summary>The ORES form of a <c>prediction</c> value.</summary>
    public static JsonNode? Typed(JsonElement prediction) => prediction.ValueKind switch
    {
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        JsonValueKind.String => FromString(prediction.GetString()!),
        JsonValueKind.Number => JsonValue.Create(prediction.GetRawText()),
        JsonValueKind.Array => new JsonArray([.. prediction.EnumerateArray().Select(e => (JsonNode?)JsonValue.Create(ItemString(e)))]),
        _ => JsonNode.Parse(prediction.GetRawText()),
    };

    private static JsonNode FromString(string s) =>
        s.Equals("true", StringComparison.OrdinalIgnoreCase) ? JsonValue.Create(true)
        : s.Equals("false", StringComparison.OrdinalIgnoreCase) ? JsonValue.Create(false)
        : JsonValue.Create(s);

    // List items are strings in ORES (topic names); other items get Python's str() form.
    private static string ItemString(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => bool.TrueString,
        JsonValueKind.False => bool.FalseString,
        JsonValueKind.Number => e.GetRawText(),
        _ => e.GetRawText(),
    };
}
