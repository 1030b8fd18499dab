namespace LiftWing.Server.Protocols.V1;

/// <summary><c>GET /</c>: <c>{"status": "alive"}</c>.</summary>
internal sealed record V1ServerStatus(string Status);
