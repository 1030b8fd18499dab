using System.Text.Json.Serialization;

namespace LiftWing.Server.Http;

/// <summary>Source-generated JSON for the server's own small bodies.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
