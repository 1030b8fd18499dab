using System.Text.RegularExpressions;

namespace LiftWing.Core.Artifacts;

/// <summary>
/// The grammars an artifact URI's parts must match before any tool sees them. Package ids and versions follow
/// NuGet's and npm's own rules, narrowed to what can never be read as a shell word, an MSBuild expression or
/// an option: a model.yaml is untrusted input.
/// </summary>
internal static partial class ArtifactUriGrammar
{
    public const int MaxUriLength = 2048;
    public const int MaxNuGetIdLength = 100;
    public const int MaxNpmNameLength = 214;
    public const int MaxVersionLength = 128;
    public const int MaxPathLength = 1024;
    public const int MaxResourceLength = 512;

    // NuGet's PackageIdValidator: \w+([.-]\w+)*, ASCII only here.
    [GeneratedRegex(@"^[A-Za-z0-9_]+([.-][A-Za-z0-9_]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetId();

    // NuGet versions: 1 to 4 numeric parts, optional SemVer 2 pre-release and metadata.
    [GeneratedRegex(@"^[0-9]{1,9}(\.[0-9]{1,9}){1,3}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetVersion();

    // validate-npm-package-name for new packages: lower case, URL-safe, optional @scope/; no leading '.', '_' or '-'.
    [GeneratedRegex(@"^(@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NpmName();

    // An exact SemVer 2 version (npm pins need one; ranges and tags are refused).
    [GeneratedRegex(@"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemVer();

    // One path segment inside a package or model folder.
    [GeneratedRegex(@"^[A-Za-z0-9_+~@-][A-Za-z0-9._+~@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();

    // A .NET manifest resource name.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    public static string? CheckNuGetId(string id) =>
        id.Length > MaxNuGetIdLength ? $"nuget package id is longer than {MaxNuGetIdLength} characters"
        : NuGetId().IsMatch(id) ? null
        : $"nuget package id '{Show(id)}' is not a NuGet id (letters, digits, '_', and '.' or '-' between them)";

    public static string? CheckNuGetVersion(string version) =>
        version.Length > MaxVersionLength ? $"nuget version is longer than {MaxVersionLength} characters"
        : NuGetVersion().IsMatch(version) ? null
        : $"nuget version '{Show(version)}' is not an exact NuGet version (e.g. 1.2.3 or 1.2.3-beta.1)";

    public static string? CheckNpmName(string name) =>
        name.Length > MaxNpmNameLength ? $"npm package name is longer than {MaxNpmNameLength} characters"
        : NpmName().IsMatch(name) ? null
        : $"npm package name '{Show(name)}' is not an npm name (lower case, URL-safe, optional @scope/)";

    public static string? CheckNpmVersion(string version) =>
        version.Length > MaxVersionLength ? $"npm version is longer than {MaxVersionLength} characters"
        : SemVer().IsMatch(version) ? null
        : $"npm version '{Show(version)}' is not an exact SemVer version (ranges and tags are refused)";

    /// <summary>A relative path of plain segments: no root, no '..', no '.', no empty segment, no backslash.</summary>
    public static string? CheckRelativePath(string path, string what)
    {
        if (path.Length == 0)
        {
            return $"{what} is empty";
        }

        if (path.Length > MaxPathLength)
        {
            return $"{what} is longer than {MaxPathLength} characters";
        }

        if (path[0] == '/' || path.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(path))
        {
            return $"{what} '{Show(path)}' must be relative (absolute paths are refused)";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is ".." or ".")
            {
                return $"{what} '{Show(path)}' must not contain '{segment}' segments";
            }

            if (!PathSegment().IsMatch(segment))
            {
                return $"{what} '{Show(path)}' has a segment '{Show(segment)}' outside [A-Za-z0-9._+~@-]";
            }
        }

        return null;
    }

    public static string? CheckResource(string resource) =>
        resource.Length > MaxResourceLength ? $"resource name is longer than {MaxResourceLength} characters"
        : ResourceName().IsMatch(resource) ? null
        : $"resource name '{Show(resource)}' is not a manifest resource name (letters, digits, '.', '_', '-')";

    public static bool IsSha256(string value) => Sha256Hex().IsMatch(value);

    public static bool IsPlainSegment(string value) => value.Length is > 0 and <= 255 && PathSegment().IsMatch(value);

    /// <summary>Quotes untrusted text in a message: bounded, control characters made visible.</summary>
    public static string Show(string value)
    {
        var s = value.Length > 80 ? value[..80] + "…" : value;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                span[i] = char.IsControl(src[i]) ? '?' : src[i];
            }
        });
    }
}
