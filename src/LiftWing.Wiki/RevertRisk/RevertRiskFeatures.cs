namespace LiftWing.Wiki.RevertRisk;

/// <summary>
/// The revert-risk feature vector: one definition shared by training (<c>LiftWing.Training</c>) and serving
/// (<c>LiftWing.Models</c>), so the served model sees exactly the columns it was trained on. Only features that can
/// be computed from a revision, its parent and the user are here (no page history, no mBERT scores).
/// </summary>
public static class RevertRiskFeatures
{
    /// <summary>User groups that the training data flags (knowledge_integrity's <c>is_&lt;group&gt;</c> columns).</summary>
    public static IReadOnlyList<string> Groups { get; } =
    [
        "editor", "trusted", "ipblock-exempt", "interface-admin", "sysop", "autoreview", "bureaucrat", "autopatrolled",
        "patroller", "rollbacker", "reviewer", "extendedconfirmed", "templateeditor", "uploader", "autoreviewer",
        "suppressredirect",
    ];

    /// <summary>Change tags that mark the editing interface, with the training column each one fills.</summary>
    public static IReadOnlyList<(string Tag, string Feature)> EditTags { get; } =
    [
        ("mobile edit", "is_mobile_edit"),
        ("mobile web edit", "is_mobile_web_edit"),
        ("visualeditor", "is_visualeditor"),
        ("wikieditor", "is_wikieditor"),
        ("mobile app edit", "is_mobile_app_edit"),
        ("android app edit", "is_android_app_edit"),
        ("ios app edit", "is_ios_app_edit"),
    ];

    /// <summary>Feature names in vector order: edit types, then bytes, user, interface tags, comment.
    /// Time of day and weekday were tried and left out: they did not change the cross-validated AUC.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. EditTypeNames.All,
        "revision_text_bytes_diff",
        "is_anonymous",
        .. Groups.Select(g => "is_" + g),
        .. EditTags.Select(t => t.Feature),
        "comment_length",
        "comment_is_section_only",
    ];

    /// <summary>Index of the first non-edit-type feature.</summary>
    public static int EditTypeCount => EditTypeNames.All.Count;

    /// <summary>Builds the vector for one edit.</summary>
    public static float[] Build(RevertRiskFeatureInput input)
    {
        var vector = new float[Names.Count];
        var i = 0;
        foreach (var key in EditTypeNames.All)
        {
            vector[i++] = input.EditTypes.TryGetValue(key, out var n) ? n : 0;
        }

        vector[i++] = input.BytesDiff;
        vector[i++] = input.IsAnonymous ? 1 : 0;
        foreach (var group in Groups)
        {
            vector[i++] = input.UserGroups.Contains(group) ? 1 : 0;
        }

        foreach (var (tag, _) in EditTags)
        {
            vector[i++] = input.Tags.Contains(tag) ? 1 : 0;
        }

        var comment = input.Comment ?? "";
        vector[i++] = comment.Length;
        vector[i] = IsSectionOnly(comment) ? 1 : 0;
        return vector;
    }

    // "/* History */ " is the summary MediaWiki pre-fills for a section edit: the editor wrote nothing themselves.
    private static bool IsSectionOnly(string comment)
    {
        var trimmed = comment.Trim();
        return trimmed.StartsWith("/*", StringComparison.Ordinal) && trimmed.EndsWith("*/", StringComparison.Ordinal)
            && trimmed.IndexOf("*/", StringComparison.Ordinal) == trimmed.Length - 2;
    }
}
