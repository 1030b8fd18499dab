using System.Text.Json.Nodes;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>A request-level ORES error: the status and the exact body ores-legacy (or ORES) answers with.</summary>
internal sealed class OresRequestException(int statusCode, JsonNode body)
    : Exception(body.ToJsonString())
{
    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The body.</summary>
    public JsonNode Body { get; } = body;
}
