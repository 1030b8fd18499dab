using System.Text.Json.Serialization;

namespace LiftWing.Server.Protocols.OpenAI;

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c> (KServe puts the HTTP status in <c>code</c>).</summary>
internal sealed record OpenAIErrorBody([property: JsonPropertyName("error")] OpenAIError Error);

/// <summary>The inner error object.</summary>
internal sealed record OpenAIError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code);
