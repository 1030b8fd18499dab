namespace LiftWing.Server.Events.Changeprop;

/// <summary>What a worker did with one page_change for one model.</summary>
/// <param name="EntryId">The stream entry id.</param>
/// <param name="Model">The model.</param>
/// <param name="Key">The prediction cache key (null when not cacheable or skipped).</param>
/// <param name="Outcome"><c>computed</c>, <c>cached</c>, <c>skipped:&lt;reason&gt;</c>, <c>failed:&lt;status&gt;</c> or <c>deferred</c> (left pending).</param>
public sealed record StreamItemResult(string EntryId, string Model, string? Key, string Outcome);
