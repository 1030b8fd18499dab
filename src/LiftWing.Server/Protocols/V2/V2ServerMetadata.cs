namespace LiftWing.Server.Protocols.V2;

/// <summary><c>GET /v2</c>: <c>{"name", "version", "extensions"}</c>.</summary>
internal sealed record V2ServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);
