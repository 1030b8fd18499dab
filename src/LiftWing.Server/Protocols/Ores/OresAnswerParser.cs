using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>Turns a backend's 200 body into an <see cref="OresScore"/>: Lift Wing's revscoring shape or KServe's classification shape.</summary>
internal static class OresAnswerParser
{
    /// <summary>
    /// Reads <c>{context: {models: {m: {version}}, scores: {revid: {m: {score, features?}}}}}</c> (revscoring isvcs)
    /// or <c>{"output": {"prediction", "probabilities"}}</c> (revert risk and other classifiers).
    /// </summary>
    public static OresScore Parse(OresModelEntry entry, long revid, ReadOnlyMemory<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(entry.Context, out var context))
            {
                return FromRevscoring(entry, revid, context);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object
                && output.TryGetProperty("prediction", out var prediction) && output.TryGetProperty("probabilities", out var probabilities))
            {
                if (OresPrediction.Probability(probabilities) is { } probability)
                {
                    return new OresScore { Version = entry.Version, Score = new JsonObject { ["prediction"] = OresPrediction.Typed(prediction), ["probability"] = probability } };
                }
            }
        }
        catch (JsonException ex)
        {
            return OresScore.Error(entry, revid, $"Lift Wing's answer for {entry.Isvc} is not JSON: {ex.Message}", "ClientError");
        }

        return Malformed(entry, revid);
    }

    private static OresScore FromRevscoring(OresModelEntry entry, long revid, JsonElement context)
    {
        var version = entry.Version;
        if (context.ValueKind == JsonValueKind.Object && context.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Object
            && models.TryGetProperty(entry.IsvcModel, out var info) && info.ValueKind == JsonValueKind.Object
            && info.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String)
        {
            version = v.GetString()!;
        }

        if (context.ValueKind != JsonValueKind.Object || !context.TryGetProperty("scores", out var scores) || scores.ValueKind != JsonValueKind.Object
            || !scores.TryGetProperty(revid.ToString(CultureInfo.InvariantCulture), out var byModel) || byModel.ValueKind != JsonValueKind.Object
            || !byModel.TryGetProperty(entry.IsvcModel, out var item) || item.ValueKind != JsonValueKind.Object)
        {
            return Malformed(entry, revid);
        }

        if (item.TryGetProperty("error", out var error))
        {
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : error.GetRawText();
            var type = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "Internal Server Error";
            return OresScore.Error(entry, revid, message, type);
        }

        if (!item.TryGetProperty("score", out var rawScore) || OresPrediction.TypedScore(rawScore) is not { } score)
        {
            return Malformed(entry, revid);
        }

        var features = item.TryGetProperty("features", out var f) ? JsonNode.Parse(f.GetRawText()) : null;
        return new OresScore { Version = version, Score = score, Features = features };
    }

    private static OresScore Malformed(OresModelEntry entry, long revid) =>
        OresScore.Error(entry, revid, $"Lift Wing's answer for {entry.Isvc} has no score for revision {revid}.", "ClientError");
}
