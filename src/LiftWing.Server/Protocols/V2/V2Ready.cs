using System.Text.Json.Serialization;

namespace LiftWing.Server.Protocols.V2;

/// <summary>
/// <c>GET /v2/health/ready</c>: <c>{"ready"}</c>, plus <c>reasons</c> when not ready and the cache store's health
/// when a cache is configured.
/// </summary>
internal sealed record V2Ready(
    bool Ready,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Reasons = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] V2CacheHealth? Cache = null);
