namespace LiftWing.Wiki.Sites;

/// <summary>
/// The canonical Wikipedia language list Lift Wing's revert-risk server validates <c>lang</c> against: the
/// <c>language_code</c> of every open, public, editable Wikipedia in its <c>wikis.tsv</c> (342 codes, e.g. <c>en</c>,
/// <c>simple</c>, <c>be-tarask</c>). Embedded in the assembly.
/// </summary>
public static class WikipediaLanguages
{
    private static readonly Lazy<HashSet<string>> s_codes = new(Load);

    /// <summary>All codes.</summary>
    public static IReadOnlySet<string> Codes => s_codes.Value;

    /// <summary>Whether <paramref name="lang"/> is an open Wikipedia.</summary>
    public static bool Contains(string lang) => s_codes.Value.Contains(lang);

    private static HashSet<string> Load()
    {
        using var stream = typeof(WikipediaLanguages).Assembly.GetManifestResourceStream("LiftWing.Wiki.Sites.wikipedia-languages.txt")
            ?? throw new InvalidOperationException("embedded wikipedia-languages.txt is missing");
        using var reader = new StreamReader(stream);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                codes.Add(line.Trim());
            }
        }

        return codes;
    }
}
