using System.Collections.Frozen;

namespace LiftWing.Server.Gateway;

/// <summary>The limit of each rate-limit class: Lift Wing's policy, overridden by configuration.</summary>
internal sealed class RateLimitPolicy
{
    /// <summary>The fallback class for classes without their own limit.</summary>
    public const string Fallback = "*";

    /// <summary>
    /// The gateway's <c>LiftWing</c> policy (per hour): anon-type classes 50,000, anon-cgnat 5,000,000,
    /// authed-user 100,000, established-user 200,000, trusted classes 9,999,999.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, long> LiftWingDefaults = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        [Fallback] = 50_000,
        ["anon"] = 50_000,
        ["unauthed-bot"] = 50_000,
        ["anon-mediawiki"] = 50_000,
        ["unauthed-mediawiki"] = 50_000,
        ["anon-browser"] = 50_000,
        ["anon-app"] = 50_000,
        ["anon-cgnat"] = 5_000_000,
        ["authed-user"] = 100_000,
        ["established-user"] = 200_000,
        ["highlimits-user"] = 9_999_999,
        ["known-network"] = 9_999_999,
        ["approved-bot"] = 9_999_999,
        ["known-client"] = 9_999_999,
    };

    private readonly FrozenDictionary<string, RateLimitRule> _rules;

    /// <summary>Builds the policy: the defaults per hour, then each configured class.</summary>
    public RateLimitPolicy(string name, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Name = name;
        var rules = LiftWingDefaults.ToDictionary(kv => kv.Key, kv => new RateLimitRule(kv.Value, 3600, "hour"), StringComparer.Ordinal);
        foreach (var (cls, text) in overrides)
        {
            rules[cls] = RateLimitRule.Parse(text);
        }

        _rules = rules.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The policy name.</summary>
    public string Name { get; }

    /// <summary>The rule of a class, or of <c>*</c> when it has none.</summary>
    public RateLimitRule For(string cls) => _rules.TryGetValue(cls, out var r) ? r : _rules[Fallback];
}
