namespace LiftWing.Server.Protocols.V2;

/// <summary><c>POST /v2/repository/models/{name}/load</c>: <c>{"name", "load": true}</c>.</summary>
internal sealed record V2LoadResult(string Name, bool Load);
