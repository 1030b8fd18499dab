using System.Text.Json.Serialization;
using LiftWing.Server.Protocols.V1;
using LiftWing.Server.Protocols.V2;

namespace LiftWing.Server.Http;

/// <summary>Source-generated JSON for every body the server writes itself (model responses are the models' bytes).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(DetailBody))]
[JsonSerializable(typeof(V1ServerStatus))]
[JsonSerializable(typeof(V1ModelList))]
[JsonSerializable(typeof(V1ModelStatus))]
[JsonSerializable(typeof(V2ServerMetadata))]
[JsonSerializable(typeof(V2Live))]
[JsonSerializable(typeof(V2Ready))]
[JsonSerializable(typeof(V2ModelReady))]
[JsonSerializable(typeof(V2ModelMetadata))]
[JsonSerializable(typeof(IReadOnlyList<V2RepositoryIndexEntry>))]
[JsonSerializable(typeof(V2LoadResult))]
[JsonSerializable(typeof(V2UnloadResult))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>The context with the relaxed escaping every LiftWing body uses.</summary>
    public static ServerJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions(LiftWing.Core.Json.LiftWingJson.Options)
    {
        // Options passed in replace the attribute's, so the naming policy is repeated here.
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    });
}
