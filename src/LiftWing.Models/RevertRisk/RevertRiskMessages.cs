namespace LiftWing.Models.RevertRisk;

/// <summary>Lift Wing's exact error texts for revertrisk-language-agnostic (see docs/compatibility.md for where we differ).</summary>
public static class RevertRiskMessages
{
    /// <summary>The required fields of <c>revision_data</c>, in Lift Wing's order.</summary>
    public static IReadOnlyList<string> RequiredRevisionFields { get; } =
    [
        "id", "lang", "text", "timestamp", "bytes", "page.id", "page.title", "page.first_edit_timestamp",
        "parent.id", "parent.lang", "parent.text", "parent.timestamp", "parent.bytes", "user.id",
    ];

    /// <summary>A missing or falsy parameter.</summary>
    public static string Required(string name) => $"The parameter {name} is required.";

    /// <summary><c>lang</c> given as a database name.</summary>
    public const string WikiSuffix = "Language field should not have a 'wiki' suffix, i.e. use 'en', not 'enwiki'";

    /// <summary><c>lang</c> not an open Wikipedia.</summary>
    public static string UnknownLanguage(string lang) => $"lang '{lang}' does not exist in the canonical Wikipedia language list.";

    /// <summary>Too many instances.</summary>
    public static string TooManyInstances(int max) => $"Only accept a maximum of {max} rev_ids in the request.";

    /// <summary>Instances of different languages.</summary>
    public const string MixedLanguages = "Requesting multiple revisions should have the same language.";

    /// <summary>An event from another project family.</summary>
    public const string NotWikipedia = "This model is not recommended for use in projects outside of Wikipedia (e.g. Wiktionary, Wikinews, etc)";

    /// <summary>Incomplete <c>revision_data</c>.</summary>
    public static string MissingRevisionFields { get; } =
        "Missing some required fields. Required fields are " + string.Join(", ", RequiredRevisionFields.Select(f => $"`{f}`"));

    /// <summary>MediaWiki unreachable.</summary>
    public const string MediaWikiFailure =
        "An error happened while fetching info for revision from the MediaWiki API, please contact the ML-Team if the issue persists.";

    /// <summary>One failed revision inside a batch answer.</summary>
    public static string BatchError(RevisionKey key, string reason) =>
        $"Could not make prediction for revision {key.Display} ({key.Lang}). Reason: {reason}";

    /// <summary>Every revision failed (422), with Python reprs as Lift Wing prints them.</summary>
    public static string AllFailed(IReadOnlyList<(RevisionKey Key, string Reason)> failures) =>
        $"Could not make prediction for revisions dict_keys([{string.Join(", ", failures.Select(f => f.Key.PythonRepr))}]). " +
        $"Reason: [{string.Join(", ", failures.Select(f => $"'{f.Reason}'"))}]";
}
