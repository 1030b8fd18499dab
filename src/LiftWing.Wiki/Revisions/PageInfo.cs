namespace LiftWing.Wiki.Revisions;

/// <summary>The page a revision belongs to.</summary>
public sealed record PageInfo(long Id, string Title, DateTimeOffset FirstEditTimestamp);
