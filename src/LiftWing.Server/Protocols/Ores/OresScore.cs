using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// One <c>(revid, model)</c> answer: a score (with the version Lift Wing reported and, on request, features) or a
/// per-score error (ORES's <c>{"error": {"message", "type"}}</c>, sent with HTTP 200).
/// </summary>
internal sealed record OresScore
{
    /// <summary>The version for <c>models.{m}.version</c>: Lift Wing's on success, the catalogue's on error.</summary>
    public required string Version { get; init; }

    /// <summary>The typed <c>score</c> object (null for an error).</summary>
    public JsonObject? Score { get; init; }

    /// <summary>The model's extended output (<c>features</c>), when asked for.</summary>
    public JsonNode? Features { get; init; }

    /// <summary>The error message (null for a score).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The error type: an HTTP reason phrase, <c>RevisionNotFound</c>, or a client error name.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Whether this is a per-score error.</summary>
    public bool IsError => ErrorType is not null;

    /// <summary>Lift Wing's text for a revision MediaWiki does not know (ores-legacy rewrites it to ORES's RevisionNotFound).</summary>
    public const string MissingRevisionPrefix = "The MW API does not have any info related to the rev-id";

    /// <summary>A per-score error with the catalogue version; Lift Wing's missing-revision text becomes ORES's RevisionNotFound.</summary>
    public static OresScore Error(OresModelEntry entry, long revid, string message, string type) =>
        message.StartsWith(MissingRevisionPrefix, StringComparison.Ordinal)
            ? new OresScore { Version = entry.Version, ErrorMessage = $"RevisionNotFound: Could not find revision ({{revision}}:{revid})", ErrorType = "RevisionNotFound" }
            : new OresScore { Version = entry.Version, ErrorMessage = message, ErrorType = type };

    /// <summary>The score's node under <c>scores.{revid}.{model}</c>.</summary>
    public JsonObject ToNode()
    {
        if (IsError)
        {
            return new JsonObject { ["error"] = new JsonObject { ["message"] = ErrorMessage, ["type"] = ErrorType } };
        }

        // Nodes have one parent: clone, since a score object may be placed more than once (repeated revids).
        var node = new JsonObject { ["score"] = Score?.DeepClone() };
        if (Features is not null)
        {
            node["features"] = Features.DeepClone();
        }

        return node;
    }

    /// <summary>
    /// The cached form: <c>{"version", "score", "features"?}</c>, or for an error (never stored, but handed to requests
    /// waiting on the same computation) <c>{"version", "error": {"message", "type"}}</c>.
    /// </summary>
    public byte[] ToCacheBytes()
    {
        var node = ToNode();
        node.Insert(0, "version", Version);
        return JsonSerializer.SerializeToUtf8Bytes(node, OresJson.Compact);
    }

    /// <summary>Reads the cached form back.</summary>
    public static OresScore FromCacheBytes(ReadOnlySpan<byte> bytes)
    {
        var node = JsonNode.Parse(bytes)!.AsObject();
        var version = node["version"]!.GetValue<string>();
        if (node["error"] is JsonObject error)
        {
            return new OresScore { Version = version, ErrorMessage = error["message"]?.GetValue<string>() ?? "", ErrorType = error["type"]?.GetValue<string>() ?? "ClientError" };
        }

        var score = node["score"]?.AsObject();
        var features = node["features"];
        node.Clear(); // detach, so the nodes can be placed in the answer without a copy
        return new OresScore { Version = version, Score = score, Features = features };
    }
}
