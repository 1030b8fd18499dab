namespace LiftWing.Wiki.Revisions;

/// <summary>The revision an edit was made on top of.</summary>
public sealed record ParentRevision(long Id, string Lang, string Text, DateTimeOffset Timestamp, long Bytes);
