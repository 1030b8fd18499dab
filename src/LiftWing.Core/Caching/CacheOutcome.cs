namespace LiftWing.Core.Caching;

/// <summary>How the cache answered a request; the edge turns it into <c>X-Cache</c> / <c>X-Cache-Tier</c>.</summary>
/// <param name="Status"><c>hit</c>, <c>miss</c> or <c>bypass</c>.</param>
/// <param name="Tier"><c>l1</c> or <c>l2</c> for hits (the slowest tier a batch needed), else null.</param>
/// <param name="ItemHits">For per-item (batch) lookups: how many items were cached.</param>
/// <param name="Items">For per-item lookups: how many items the batch had (0 otherwise).</param>
public sealed record CacheOutcome(string Status, string? Tier = null, int ItemHits = 0, int Items = 0)
{
    /// <summary>Not cacheable, disabled for the model, or the request said <c>no-store</c>.</summary>
    public static readonly CacheOutcome Bypass = new("bypass");

    /// <summary>Computed (and stored when the answer was a 200).</summary>
    public static readonly CacheOutcome Miss = new("miss");

    /// <summary>Served from L1.</summary>
    public static readonly CacheOutcome HitL1 = new("hit", "l1");

    /// <summary>Served from L2.</summary>
    public static readonly CacheOutcome HitL2 = new("hit", "l2");
}
