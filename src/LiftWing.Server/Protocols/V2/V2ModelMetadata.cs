namespace LiftWing.Server.Protocols.V2;

/// <summary><c>GET /v2/models/{name}[/versions/{v}]</c>, with the state and reason KServe's repository extension adds.</summary>
internal sealed record V2ModelMetadata(
    string Name,
    IReadOnlyList<string> Versions,
    string Platform,
    IReadOnlyList<V2TensorMetadata> Inputs,
    IReadOnlyList<V2TensorMetadata> Outputs,
    bool Ready,
    string State,
    string? Reason);
