namespace LiftWing.Core.Models;

/// <summary>
/// Lift Wing's Kubernetes namespace for each of its inference services, as its gateway and changeprop address them
/// (<c>Host: &lt;isvc&gt;.&lt;namespace&gt;.wikimedia.org</c>): the default of model.yaml's <c>namespaces:</c>.
/// </summary>
public static class LiftWingNamespaces
{
    /// <summary>The host suffix of Lift Wing's internal endpoint.</summary>
    public const string HostSuffix = ".wikimedia.org";

    private static readonly Dictionary<string, string> s_exact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["langid"] = "llm",
        ["articlequality"] = "article-models",
        ["article-country"] = "article-models",
        ["logo-detection"] = "logo-detection",
        ["readability"] = "readability",
        ["outlink-topic-model"] = "articletopic-outlink",
        ["outlink-topic-model-grpc"] = "articletopic-outlink",
        ["article-descriptions"] = "article-descriptions",
        ["reference-need"] = "revision-models",
        ["reference-risk"] = "revision-models",
    };

    // The gateway's patterns: revertrisk-* and llm-* by prefix, revscoring's <wiki>-<model> by suffix.
    private static readonly (string Prefix, string Namespace)[] s_prefixes = [("revertrisk-", "revertrisk"), ("llm-", "llm")];

    private static readonly (string Suffix, string Namespace)[] s_suffixes =
    [
        ("-damaging", "revscoring-editquality-damaging"), ("-goodfaith", "revscoring-editquality-goodfaith"),
        ("-reverted", "revscoring-editquality-reverted"), ("-articlequality", "revscoring-articlequality"),
        ("-itemquality", "revscoring-articlequality"), ("-articletopic", "revscoring-articletopic"),
        ("-itemtopic", "revscoring-articletopic"), ("-drafttopic", "revscoring-drafttopic"),
        ("-draftquality", "revscoring-draftquality"),
    ];

    /// <summary>Lift Wing's namespace for a model name, or null when Lift Wing has no such service.</summary>
    public static string? DefaultFor(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (s_exact.TryGetValue(modelName, out var ns))
        {
            return ns;
        }

        foreach (var (prefix, value) in s_prefixes)
        {
            if (modelName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        foreach (var (suffix, value) in s_suffixes)
        {
            if (modelName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True for a Kubernetes namespace name (an RFC 1123 label: a-z, 0-9 and '-', 1–63, alphanumeric ends).</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-';
}
