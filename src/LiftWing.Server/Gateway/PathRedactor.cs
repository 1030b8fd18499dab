using System.Text.RegularExpressions;

namespace LiftWing.Server.Gateway;

/// <summary>Keeps this machine's layout out of public answers: absolute paths in a message become their file name.</summary>
internal static partial class PathRedactor
{
    // An absolute path: a '/' that starts the text or follows a space, quote, '(' or '=', then path characters.
    [GeneratedRegex(@"(?<=^|[\s'""(=])/(?:[^\s'""():,;/]+/)*([^\s'""():,;/]*)", RegexOptions.CultureInvariant)]
    private static partial Regex AbsolutePath();

    public static string? Redact(string? message) =>
        message is null ? null : AbsolutePath().Replace(message, static m => m.Groups[1].Value.Length > 0 ? "…/" + m.Groups[1].Value : "…/");
}
