using System.Text.RegularExpressions;

namespace LiftWing.Wiki.EditTypes;

/// <summary>
/// Finds media file names written without brackets (template parameters, gallery lines) by their extension,
/// as mwedittypes does: a run of name characters ending in a known media extension, at most 240 characters.
/// </summary>
internal static partial class NestedMedia
{
    private const int MaxNameLength = 240;

    private static readonly string[] s_extensions =
    [
        ".jpg", ".png", ".svg", ".gif", ".jpeg", ".tif", ".bmp", ".webp", ".xcf", ".ogv", ".webm", ".mpg", ".mpeg",
        ".ogg", ".mp3", ".mid", ".flac", ".wav", ".oga",
    ];

    public static IEnumerable<string> Find(string text, bool isGallery)
    {
        var lower = text.ToLowerInvariant();
        if (!s_extensions.Any(e => lower.Contains(e, StringComparison.Ordinal)))
        {
            yield break;
        }

        foreach (Match m in MediaName().Matches(lower))
        {
            if (m.Length > MaxNameLength)
            {
                continue;
            }

            var name = text.Substring(m.Index, m.Length);
            if (isGallery)
            {
                var end = m.Index + m.Length;
                var eol = text.IndexOf('\n', end);
                name += eol < 0 ? text[end..] : text[end..eol];
            }

            yield return name.Trim();
        }
    }

    // Non-backtracking: the name-character run is long in big templates, and a backtracking engine would be
    // quadratic in it.
    [GeneratedRegex(@"[\p{L}\p{N}_ ,().\-]+(?:\.jpg|\.png|\.svg|\.gif|\.jpeg|\.tif|\.bmp|\.webp|\.xcf|\.ogv|\.webm|\.mpg|\.mpeg|\.ogg|\.mp3|\.mid|\.flac|\.wav|\.oga)\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex MediaName();
}
