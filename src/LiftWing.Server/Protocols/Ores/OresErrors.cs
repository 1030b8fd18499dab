using System.Text.Json.Nodes;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// ORES's two error families, with their exact texts: ores-legacy's FastAPI <c>{"detail": {"error": ...}}</c> and
/// the top-level <c>{"error": {"code", "message"}}</c> (the callback guard, and ORES's own model_info errors).
/// </summary>
internal static class OresErrors
{
    private const string OresWiki = "https://wikitech.wikimedia.org/wiki/ORES";

    /// <summary>Any non-empty <c>callback</c> (JSONP is not served). The missing space is ores-legacy's.</summary>
    public static OresRequestException Callback() =>
        TopLevel(400, "not found", "Callback parameters are not allowed. The API will return only JSONresponses.");

    /// <summary>A context the catalogue does not list.</summary>
    public static OresRequestException UnknownContext(string context) =>
        Detail(404, "not found", $"No scorers available for {context}");

    /// <summary>A model the context does not list.</summary>
    public static OresRequestException UnknownModel(string model, string context) =>
        Detail(400, "not found", $"Models ({PyRepr.Str(model)},) not available for {context}");

    /// <summary>A <c>revids</c> item that is not an integer (this body has no <c>code</c>).</summary>
    public static OresRequestException BadRevids() =>
        new(400, new JsonObject { ["detail"] = new JsonObject { ["error"] = new JsonObject { ["message"] = "Each revision id must be a valid integer" } } });

    /// <summary><c>model_info</c> or <c>inject</c>, which ores-legacy no longer supports.</summary>
    public static OresRequestException Unsupported(string parameter) =>
        Detail(400, "bad request", $"{parameter} query parameter is not supported by this endpoint anymore. For more information please visit {OresWiki}");

    /// <summary>More than the limit of scores in one <c>/v3/scores/{context}</c> request.</summary>
    public static OresRequestException TooMany(int requested, int limit) =>
        Detail(400, "too many requests",
            $"Scoring more than {limit} scores is not supported anymore by this endpoint. " +
            $"You are requesting {requested} ORES scores which is above the supported limit of {limit} for a single request. " +
            "Please break down your request into smaller chunks or consider using the /v3/scores/{context}/{revid} endpoint to score one revision at a time. " +
            $"For more information please visit {OresWiki}");

    /// <summary>The v1 routes.</summary>
    public static OresRequestException V1Deprecated() =>
        Detail(400, "not found", "ORES support for v1 has been deprecated. Please use v3.");

    /// <summary>ORES's answer to a model_info path it cannot resolve.</summary>
    public static OresRequestException ModelInfo(string path) =>
        TopLevel(400, "bad request", $"Model information could not be retrieved for {PyRepr.Str(path)}");

    /// <summary>FastAPI's 422 for parameters that fail validation (a non-integer path revid, a non-boolean features).</summary>
    public static OresRequestException Validation(IReadOnlyList<(string Location, string Name, string Message, string Type)> errors) =>
        new(422, new JsonObject
        {
            ["detail"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
            {
                ["loc"] = new JsonArray(e.Location, e.Name),
                ["msg"] = e.Message,
                ["type"] = e.Type,
            })]),
        });

    private static OresRequestException Detail(int status, string code, string message) =>
        new(status, new JsonObject { ["detail"] = Error(code, message) });

    private static OresRequestException TopLevel(int status, string code, string message) => new(status, Error(code, message));

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
