namespace LiftWing.Server.Slo;

/// <summary>Finds the model of an inference request from its path, without allocating.</summary>
internal static class SloEdgePaths
{
    private const string PublicPrefix = Protocols.V1.V1Endpoints.PublicPrefix;

    /// <summary>
    /// The model name of <c>/v1/models/{name}:predict</c> (also under the public prefix), <c>/v2/models/{name}/infer</c>
    /// and <c>/v2/models/{name}/versions/{v}/infer</c>; empty when the path is not an inference request.
    /// </summary>
    public static ReadOnlySpan<char> Model(ReadOnlySpan<char> path)
    {
        path = WithoutPublicPrefix(path);
        if (path.StartsWith("/v1/models/", StringComparison.Ordinal))
        {
            return V1Model(path);
        }

        if (path.StartsWith("/v2/models/", StringComparison.Ordinal) && path.EndsWith("/infer", StringComparison.Ordinal))
        {
            var rest = path["/v2/models/".Length..^"/infer".Length];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                return rest;
            }

            var tail = rest[(slash + 1)..];
            return tail.StartsWith("versions/", StringComparison.Ordinal) && tail["versions/".Length..].IndexOf('/') < 0 && tail.Length > "versions/".Length
                ? rest[..slash]
                : default;
        }

        return default;
    }

    /// <summary>
    /// The model name of <c>/v1/models/{name}:predict</c> (also under the public prefix), exactly as written (no case
    /// folding); empty for any other path. The cached-hit lane takes the same paths.
    /// </summary>
    public static ReadOnlySpan<char> V1PredictModel(ReadOnlySpan<char> path)
    {
        path = WithoutPublicPrefix(path);
        return path.StartsWith("/v1/models/", StringComparison.Ordinal) ? V1Model(path) : default;
    }

    private static ReadOnlySpan<char> WithoutPublicPrefix(ReadOnlySpan<char> path) =>
        path.StartsWith(PublicPrefix, StringComparison.Ordinal) ? path[PublicPrefix.Length..] : path;

    private static ReadOnlySpan<char> V1Model(ReadOnlySpan<char> path)
    {
        var rest = path["/v1/models/".Length..];
        return rest.EndsWith(":predict", StringComparison.Ordinal) && rest.IndexOf('/') < 0 ? rest[..^":predict".Length] : default;
    }
}
