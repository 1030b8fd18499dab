using System.Text.Json.Serialization;

namespace LiftWing.Server.Protocols.V2;

/// <summary>The prediction cache's L2 store in the readiness body: <c>{"store", "status", "reason"}</c>.</summary>
internal sealed record V2CacheHealth(
    string Store,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
