using System.Text.Json.Serialization;

namespace LiftWing.Server.Protocols.OpenAI;

/// <summary>One entry of <c>GET /openai/v1/models</c>.</summary>
internal sealed record OpenAIModelCard(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);

/// <summary>The list wrapper: <c>{"object": "list", "data": [...]}</c>.</summary>
internal sealed record OpenAIModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<OpenAIModelCard> Data);
