using LiftWing.Core.Models;
using LiftWing.Core.Repository;

namespace LiftWing.Server.Routing;

/// <summary>
/// Reads Lift Wing's internal-endpoint Host, <c>&lt;model&gt;.&lt;namespace&gt;.wikimedia.org</c> (an optional port and
/// trailing dot allowed), and finds the served model it names under one of its namespaces (model.yaml
/// <c>namespaces:</c>). Any other Host, including an unknown model or namespace, selects nothing.
/// </summary>
internal static class HostRouting
{
    /// <summary>Splits a Host into its model and namespace labels without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<char> host, out ReadOnlySpan<char> model, out ReadOnlySpan<char> ns)
    {
        model = ns = default;
        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        host = host.TrimEnd('.');
        if (!host.EndsWith(LiftWingNamespaces.HostSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var labels = host[..^LiftWingNamespaces.HostSuffix.Length];
        var dot = labels.IndexOf('.');
        if (dot <= 0 || dot == labels.Length - 1 || labels[(dot + 1)..].Contains('.'))
        {
            return false;
        }

        model = labels[..dot];
        ns = labels[(dot + 1)..];
        return true;
    }

    /// <summary>The served model a Host selects, or null.</summary>
    public static string? Select(string? host, ModelRepository repository)
    {
        // The cheap test first: most requests (public clients, loopback, benchmarks) stop here.
        if (string.IsNullOrEmpty(host) || !TryParse(host, out var modelLabel, out var nsLabel))
        {
            return null;
        }

        if (Find(repository, modelLabel.ToString()) is not { } model)
        {
            return null;
        }

        foreach (var ns in model.Config.EffectiveNamespaces)
        {
            if (nsLabel.Equals(ns, StringComparison.OrdinalIgnoreCase))
            {
                return model.Config.Name;
            }
        }

        return null;
    }

    // A method of its own: the lambda's closure would otherwise be allocated on every call of Select.
    private static IModel? Find(ModelRepository repository, string label) =>
        repository.TryGet(label, out var model)
            ? model
            // Host names are lower case; model names may not be (all-MiniLM-L6-v2).
            : repository.Models.FirstOrDefault(m => string.Equals(m.Config.Name, label, StringComparison.OrdinalIgnoreCase));
}
