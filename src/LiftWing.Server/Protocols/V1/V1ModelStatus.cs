namespace LiftWing.Server.Protocols.V1;

/// <summary><c>GET /v1/models/{name}</c>: <c>{"name", "ready"}</c>.</summary>
internal sealed record V1ModelStatus(string Name, bool Ready);
