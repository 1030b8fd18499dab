namespace LiftWing.Wiki.RevertRisk;

/// <summary>
/// What the revert-risk features are computed from: everything is derivable from a revision, its parent and
/// the editing user, so training rows and served requests go through the same <see cref="RevertRiskFeatures.Build"/>.
/// </summary>
public sealed record RevertRiskFeatureInput
{
    /// <summary>Edit-type counts (<c>insert_Word</c> → 4); absent keys are zero.</summary>
    public required IReadOnlyDictionary<string, int> EditTypes { get; init; }

    /// <summary>Revision size minus parent size, in bytes.</summary>
    public required long BytesDiff { get; init; }

    /// <summary>The edit was made logged out (user id 0).</summary>
    public required bool IsAnonymous { get; init; }

    /// <summary>The user's groups (implicit ones like <c>*</c> and <c>user</c> are ignored).</summary>
    public IReadOnlyCollection<string> UserGroups { get; init; } = [];

    /// <summary>The revision's change tags (<c>mobile edit</c>, <c>visualeditor</c>, …).</summary>
    public IReadOnlyCollection<string> Tags { get; init; } = [];

    /// <summary>The edit summary; null or empty when there is none (or it is hidden).</summary>
    public string? Comment { get; init; }

    /// <summary>When the revision was saved.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
