namespace LiftWing.Wiki.Revisions;

/// <summary>The result of gathering a revision: the data, or the named reason it is unavailable.</summary>
public sealed record RevisionFetchResult(RevisionOutcome Outcome, RevisionData? Revision = null)
{
    /// <summary>A found revision.</summary>
    public static RevisionFetchResult Of(RevisionData revision) => new(RevisionOutcome.Found, revision);

    /// <summary>
    /// The knowledge_integrity error code Lift Wing reports (<c>revision_missing</c>, …). A first revision reports
    /// <c>parent_revision_missing</c>, the code knowledge_integrity uses for a revision without a parent.
    /// </summary>
    public string? ReasonCode => Outcome switch
    {
        RevisionOutcome.Found => null,
        RevisionOutcome.RevisionMissing => "revision_missing",
        RevisionOutcome.RevisionInfoDeleted => "revision_info_deleted",
        RevisionOutcome.ParentRevisionMissing or RevisionOutcome.FirstRevision => "parent_revision_missing",
        RevisionOutcome.ParentRevisionInfoDeleted => "parent_revision_info_deleted",
        RevisionOutcome.PageMissing => "page_missing",
        RevisionOutcome.UserMissing => "user_missing",
        _ => "unknown",
    };
}
