namespace LiftWing.Wiki.Revisions;

/// <summary>
/// One revision with what revert risk needs: the shape of Lift Wing's <c>revision_data</c> input
/// (<c>id, lang, text, timestamp, bytes, comment, tags, page{id,title,first_edit_timestamp}, parent{…}, user{id}</c>).
/// </summary>
public sealed record RevisionData
{
    /// <summary>Revision id (-1 for an unsaved, pre-save edit).</summary>
    public required long Id { get; init; }

    /// <summary>Wikipedia language code (<c>en</c>, not <c>enwiki</c>).</summary>
    public required string Lang { get; init; }

    /// <summary>The wikitext.</summary>
    public required string Text { get; init; }

    /// <summary>When it was saved.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Edit summary; null when absent or hidden.</summary>
    public string? Comment { get; init; }

    /// <summary>Change tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The page.</summary>
    public required PageInfo Page { get; init; }

    /// <summary>The parent revision.</summary>
    public required ParentRevision Parent { get; init; }

    /// <summary>The editing user.</summary>
    public required UserInfo User { get; init; }
}
