namespace LiftWing.Core.Models;

/// <summary>Per-model prediction-cache settings (<c>cache:</c> in model.yaml).</summary>
public sealed record CacheSettings
{
    /// <summary>Whether predictions of this model are cached. The default is true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long an entry lives, e.g. <c>30d</c>, <c>12h</c>, <c>90s</c>. The default is 30 days.</summary>
    public string Ttl { get; init; } = "30d";

    /// <summary>The TTL parsed.</summary>
    public TimeSpan TtlSpan => DurationParser.Parse(Ttl);
}
