namespace LiftWing.Core.Artifacts;

/// <summary>A parsed artifact URI: scheme, package (npm/nuget), version, path inside, and optional embedded resource.</summary>
internal sealed record ArtifactUri(string Scheme, string Location, string? Version, string? InnerPath, string? Resource)
{
    /// <summary>
    /// Parses <c>file:PATH</c>, <c>shared:PATH</c>, <c>https://…</c>, <c>npm:PKG@VER#PATH</c> and <c>nuget:PKG@VER#PATH[!RESOURCE]</c>.
    /// Every part is checked against its grammar (see <see cref="ArtifactUriGrammar"/>), so nothing a model.yaml
    /// says can reach a tool as anything but a package id, an exact version or a plain relative path.
    /// </summary>
    /// <exception cref="FormatException">The URI or one of its parts is malformed; the message names the part.</exception>
    public static ArtifactUri Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (uri.Length > ArtifactUriGrammar.MaxUriLength)
        {
            throw new FormatException($"artifact uri is longer than {ArtifactUriGrammar.MaxUriLength} characters.");
        }

        var shown = ArtifactUriGrammar.Show(uri);
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"artifact uri '{shown}' has no scheme (file:, shared:, https:, npm:, nuget:).");
        }

        var scheme = uri[..colon].ToLowerInvariant();
        var rest = uri[(colon + 1)..];
        switch (scheme)
        {
            case "file":
                // Only paths inside the model's folder: file://host/abs and file:/abs are refused.
                Require(ArtifactUriGrammar.CheckRelativePath(rest, "file path"), shown);
                return new ArtifactUri(scheme, rest, null, null, null);
            case "shared":
                // A file of the reference-data folder (ArtifactStoreOptions.SharedDirectory), by relative path only.
                Require(ArtifactUriGrammar.CheckRelativePath(rest, "shared data path"), shown);
                return new ArtifactUri(scheme, rest, null, null, null);
            case "https":
            case "http":
                if (!Uri.TryCreate(uri, UriKind.Absolute, out var web) || web.Scheme != scheme || string.IsNullOrEmpty(web.Host)
                    || web.UserInfo.Length > 0 || uri.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
                {
                    throw new FormatException($"artifact uri '{shown}' is not a plain {scheme} URL (no credentials, spaces or control characters).");
                }

                return new ArtifactUri(scheme, uri, null, null, null);
            case "npm":
            case "nuget":
                return ParsePackage(scheme, rest, shown);
            default:
                throw new FormatException($"artifact uri '{shown}': unsupported scheme '{ArtifactUriGrammar.Show(scheme)}' (file:, shared:, https:, npm:, nuget:).");
        }
    }

    private static ArtifactUri ParsePackage(string scheme, string rest, string shown)
    {
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            throw new FormatException($"artifact uri '{shown}' needs '#path' inside the package.");
        }

        var pkg = rest[..hash];
        var inner = rest[(hash + 1)..];
        // npm scoped packages start with '@': the version separator is the last '@'.
        var at = pkg.LastIndexOf('@');
        if (at <= 0)
        {
            throw new FormatException($"artifact uri '{shown}' needs an exact version (PKG@VERSION).");
        }

        string? resource = null;
        var bang = inner.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            if (scheme != "nuget")
            {
                throw new FormatException($"artifact uri '{shown}': '!resource' is only for nuget: assemblies.");
            }

            resource = inner[(bang + 1)..];
            inner = inner[..bang];
            Require(ArtifactUriGrammar.CheckResource(resource), shown);
        }

        var id = pkg[..at];
        var version = pkg[(at + 1)..];
        if (scheme == "nuget")
        {
            Require(ArtifactUriGrammar.CheckNuGetId(id), shown);
            Require(ArtifactUriGrammar.CheckNuGetVersion(version), shown);
        }
        else
        {
            Require(ArtifactUriGrammar.CheckNpmName(id), shown);
            Require(ArtifactUriGrammar.CheckNpmVersion(version), shown);
        }

        Require(ArtifactUriGrammar.CheckRelativePath(inner, "path inside the package"), shown);
        return new ArtifactUri(scheme, id, version, inner, resource);
    }

    private static void Require(string? problem, string shown)
    {
        if (problem is not null)
        {
            throw new FormatException($"artifact uri '{shown}': {problem}.");
        }
    }

    /// <summary>Whether a pin is a sha256 in hex (64 characters).</summary>
    public static bool IsSha256(string value) => ArtifactUriGrammar.IsSha256(value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The file name the artifact gets in the cache.</summary>
    public string FileName
    {
        get
        {
            // A URL's last segment is untrusted: anything but a plain name becomes "artifact", so it cannot climb out of the cache.
            var name = Resource ?? Path.GetFileName((InnerPath ?? Location).Split('?', '#')[0].TrimEnd('/'));
            return ArtifactUriGrammar.IsPlainSegment(name) ? name : "artifact";
        }
    }
}
