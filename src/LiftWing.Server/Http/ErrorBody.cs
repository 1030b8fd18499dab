using System.Text.Json.Serialization;

namespace LiftWing.Server.Http;

/// <summary>The error body: <c>{"error": "..."}</c>.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("error")] string Error);
