namespace LiftWing.Wiki.Revisions;

/// <summary>Why a revision could (not) be gathered. Each failure is distinct so callers can answer precisely.</summary>
public enum RevisionOutcome
{
    /// <summary>Everything was found.</summary>
    Found,

    /// <summary>No such revision (never existed, or deleted with its page).</summary>
    RevisionMissing,

    /// <summary>The revision exists but its text or editor is hidden (revision-deleted or suppressed).</summary>
    RevisionInfoDeleted,

    /// <summary>The revision has a parent id but that parent is gone.</summary>
    ParentRevisionMissing,

    /// <summary>The parent's text is hidden.</summary>
    ParentRevisionInfoDeleted,

    /// <summary>The page is gone (the first-edit lookup found no page).</summary>
    PageMissing,

    /// <summary>The editing user id does not resolve to a user.</summary>
    UserMissing,

    /// <summary>The revision created the page: it has no parent to compare with.</summary>
    FirstRevision,
}
