namespace LiftWing.Server.Protocols.V2;

/// <summary>One entry of <c>POST /v2/repository/index</c>.</summary>
internal sealed record V2RepositoryIndexEntry(string Name, string? Version, string State, string Reason);
