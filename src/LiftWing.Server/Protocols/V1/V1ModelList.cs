namespace LiftWing.Server.Protocols.V1;

/// <summary><c>GET /v1/models</c>: <c>{"models": [names]}</c>.</summary>
internal sealed record V1ModelList(IReadOnlyList<string> Models);
