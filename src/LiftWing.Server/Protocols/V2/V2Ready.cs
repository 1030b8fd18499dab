namespace LiftWing.Server.Protocols.V2;

/// <summary><c>GET /v2/health/ready</c>: <c>{"ready"}</c>.</summary>
internal sealed record V2Ready(bool Ready);
