namespace LiftWing.Server.Protocols.V2;

/// <summary><c>GET /v2/models/{name}[/versions/{v}]/ready</c>: <c>{"name", "ready"}</c>.</summary>
internal sealed record V2ModelReady(string Name, bool Ready);
