namespace LiftWing.Core.Artifacts;

/// <summary>A parsed artifact URI: scheme, package (npm/nuget), version, path inside, and optional embedded resource.</summary>
public sealed record ArtifactUri(string Scheme, string Location, string? Version, string? InnerPath, string? Resource)
{
    /// <summary>
    /// Parses <c>file:PATH</c>, <c>https://…</c>, <c>npm:PKG@VER#PATH</c> and <c>nuget:PKG@VER#PATH[!RESOURCE]</c>.
    /// </summary>
    public static ArtifactUri Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"artifact uri '{uri}' has no scheme (file:, https:, npm:, nuget:).");
        }

        var scheme = uri[..colon].ToLowerInvariant();
        var rest = uri[(colon + 1)..];
        switch (scheme)
        {
            case "file":
                return new ArtifactUri(scheme, rest.StartsWith("//", StringComparison.Ordinal) ? rest[2..] : rest, null, null, null);
            case "https":
            case "http":
                return new ArtifactUri(scheme, uri, null, null, null);
            case "npm":
            case "nuget":
                {
                    var hash = rest.IndexOf('#', StringComparison.Ordinal);
                    if (hash < 0)
                    {
                        throw new FormatException($"artifact uri '{uri}' needs '#path' inside the package.");
                    }

                    var pkg = rest[..hash];
                    var inner = rest[(hash + 1)..];
                    // npm scoped packages start with '@': the version separator is the last '@'.
                    var at = pkg.LastIndexOf('@');
                    if (at <= 0)
                    {
                        throw new FormatException($"artifact uri '{uri}' needs an exact version (PKG@VERSION).");
                    }

                    string? resource = null;
                    var bang = inner.IndexOf('!', StringComparison.Ordinal);
                    if (bang >= 0)
                    {
                        resource = inner[(bang + 1)..];
                        inner = inner[..bang];
                    }

                    return new ArtifactUri(scheme, pkg[..at], pkg[(at + 1)..], inner, resource);
                }

            default:
                throw new FormatException($"artifact uri '{uri}': unsupported scheme '{scheme}' (file:, https:, npm:, nuget:).");
        }
    }

    /// <summary>The file name the artifact gets in the cache.</summary>
    public string FileName => Resource ?? Path.GetFileName((InnerPath ?? Location).Split('?')[0].TrimEnd('/'));
}
