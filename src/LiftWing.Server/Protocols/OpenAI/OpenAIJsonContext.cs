using System.Text.Json.Serialization;

namespace LiftWing.Server.Protocols.OpenAI;

/// <summary>Source-generated JSON for the OpenAI adapter's own bodies (the model writes the embeddings itself).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(OpenAIErrorBody))]
[JsonSerializable(typeof(OpenAIModelList))]
[JsonSerializable(typeof(OpenAIModelCard))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;
