namespace LiftWing.Server.Protocols.V2;

/// <summary><c>GET /v2/health/live</c>: <c>{"live": true}</c>.</summary>
internal sealed record V2Live(bool Live);
