namespace LiftWing.Wiki.Revisions;

/// <summary>The editing user: id 0 is a logged-out (IP) editor.</summary>
public sealed record UserInfo
{
    /// <summary>User id; 0 for anonymous.</summary>
    public required long Id { get; init; }

    /// <summary>User name or IP, when known.</summary>
    public string? Name { get; init; }

    /// <summary>Explicit and implicit groups (<c>sysop</c>, <c>*</c>, <c>user</c>, …).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Registration time, when known (null for anonymous users and very old accounts).</summary>
    public DateTimeOffset? Registration { get; init; }

    /// <summary>Logged out.</summary>
    public bool IsAnonymous => Id == 0;
}
