namespace LiftWing.Server.Protocols.V2;

/// <summary><c>POST /v2/repository/models/{name}/unload</c>: <c>{"name", "unload": true}</c>.</summary>
internal sealed record V2UnloadResult(string Name, bool Unload);
