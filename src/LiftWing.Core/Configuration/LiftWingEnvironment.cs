using System.Collections;

namespace LiftWing.Core.Configuration;

/// <summary>
/// Lift Wing's environment variable names and the configuration keys they set: the one place they are read.
/// A <c>LIFTWING__…</c> variable for the same key wins over these.
/// </summary>
public static class LiftWingEnvironment
{
    /// <summary>Lift Wing's name → LiftWing's configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The internal MediaWiki endpoint, used with a Host header (every wiki-backed model).
        ["WIKI_URL"] = LiftWingConfiguration.Wiki + ":WikiUrl",
        ["FORCE_HTTP"] = LiftWingConfiguration.Wiki + ":ForceHttp",
        ["AIOHTTP_CLIENT_TIMEOUT"] = LiftWingConfiguration.Wiki + ":TimeoutSeconds",
        // Lift Wing serves one model per pod, named by MODEL_NAME: here it selects that model.
        ["MODEL_NAME"] = LiftWingConfiguration.Models + ":Only:0",
        // revertrisk's pre-save input switch; applies to every model whose options have the key.
        ["ALLOW_REVISION_JSON_INPUT"] = LiftWingConfiguration.ModelOptions + ":" + LiftWingConfiguration.AllModels + ":allow_revision_json_input",
        // LiftWing's own switch for revertrisk's revision source (live | fixtures:DIR | dump:FILE).
        ["REVERTRISK_REVISION_SOURCE"] = LiftWingConfiguration.ModelOptions + ":revertrisk-language-agnostic:revision_source",
        ["LIFTWING_ARTIFACTS"] = LiftWingConfiguration.Artifacts + ":CacheDirectory",
        // The reference-data folder that shared: artifacts are read from.
        ["LIFTWING_SHARED"] = LiftWingConfiguration.Artifacts + ":SharedDirectory",
    };

    /// <summary>The configuration keys set by the Lift Wing names present in <paramref name="environment"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Map(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (name, key) in Names)
        {
            if (environment[name] is string value && value.Length > 0)
            {
                yield return KeyValuePair.Create(key, (string?)value);
            }
        }
    }

    /// <summary>Override keys with Lift Wing names translated to LiftWing keys; other keys unchanged.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> MapOverrides(IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.Select(kv => Names.TryGetValue(kv.Key, out var key) ? KeyValuePair.Create(key, kv.Value) : kv);
    }
}
