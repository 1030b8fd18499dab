using System.Collections.Frozen;

namespace LiftWing.Core.Events;

/// <summary>
/// The entity fields a <c>prediction_classification_change</c> version allows (its objects are
/// <c>additionalProperties: false</c>, which is why Lift Wing whitelists what it copies from the page_change
/// event). 1.3.0 is what Lift Wing sends (user/1.2.0, page/2.2.0, revision/2.0.0 fragments, reference §2.2);
/// 1.1.0 is the newest published schema (user/1.0.0, page/2.0.0, revision/1.0.0; schemas-event-primary, Apache-2.0).
/// </summary>
public sealed class EventSchemaProfile
{
    private static readonly string[] s_redirectLink = ["interwiki_prefix", "is_redirect", "namespace_id", "page_id", "page_title"];

    /// <summary>Lift Wing's schema (1.3.0).</summary>
    public static readonly EventSchemaProfile Version13 = new(
        "1.3.0",
        user: ["edit_count", "groups", "is_bot", "is_system", "is_temp", "registration_dt", "user_central_id", "user_id", "user_text", "wiki_id"],
        page: ["page_id", "page_title", "is_redirect", "namespace_id", "namespace_is_content", "revision_count", "redirect_page_link"],
        priorPage: ["page_id", "page_title", "is_redirect", "namespace_id", "namespace_is_content", "revision_count", "redirect_page_link"],
        revision: ["rev_id", "rev_dt", "comment", "is_comment_visible", "is_content_visible", "is_editor_visible", "is_minor_edit", "rev_parent_id", "rev_sha1", "rev_size", "editor"]);

    /// <summary>The published 1.1.0 schema.</summary>
    public static readonly EventSchemaProfile Version11 = new(
        "1.1.0",
        user: ["edit_count", "groups", "is_bot", "is_system", "is_temp", "registration_dt", "user_id", "user_text"],
        page: ["page_id", "page_title", "is_redirect", "namespace_id", "revision_count", "redirect_page_link"],
        priorPage: ["page_id", "page_title", "is_redirect", "namespace_id", "revision_count"],
        revision: ["rev_id", "rev_dt", "comment", "is_comment_visible", "is_content_visible", "is_editor_visible", "is_minor_edit", "rev_parent_id", "rev_sha1", "rev_size", "editor"]);

    private EventSchemaProfile(string version, string[] user, string[] page, string[] priorPage, string[] revision)
    {
        Version = version;
        User = user.ToFrozenSet(StringComparer.Ordinal);
        Page = page.ToFrozenSet(StringComparer.Ordinal);
        PriorPage = priorPage.ToFrozenSet(StringComparer.Ordinal);
        Revision = revision.ToFrozenSet(StringComparer.Ordinal);
        RedirectLink = s_redirectLink.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The schema version.</summary>
    public string Version { get; }

    /// <summary>User entity fields (performer, revision.editor).</summary>
    public FrozenSet<string> User { get; }

    /// <summary>Page entity fields.</summary>
    public FrozenSet<string> Page { get; }

    /// <summary>Page fields of <c>prior_state.page</c> and <c>created_redirect_page</c>.</summary>
    public FrozenSet<string> PriorPage { get; }

    /// <summary>Revision entity fields.</summary>
    public FrozenSet<string> Revision { get; }

    /// <summary><c>page.redirect_page_link</c> fields.</summary>
    public FrozenSet<string> RedirectLink { get; }

    /// <summary>The profile for a <c>$schema</c> URI such as <c>/mediawiki/page/prediction_classification_change/1.3.0</c>; null when unknown.</summary>
    public static EventSchemaProfile? For(string schemaUri)
    {
        ArgumentNullException.ThrowIfNull(schemaUri);
        if (!schemaUri.StartsWith("/mediawiki/page/prediction_classification_change/", StringComparison.Ordinal))
        {
            return null;
        }

        return schemaUri[(schemaUri.LastIndexOf('/') + 1)..] switch
        {
            "1.3.0" => Version13,
            "1.1.0" => Version11,
            _ => null,
        };
    }
}
