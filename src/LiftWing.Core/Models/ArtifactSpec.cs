namespace LiftWing.Core.Models;

/// <summary>
/// A file a model needs: <c>file:</c>, <c>https:</c>, <c>shared:</c>, <c>npm:pkg@ver#path</c> or
/// <c>nuget:Pkg@ver#path[!resource]</c>, pinned by sha256, with an optional <c>file:</c> fallback.
/// </summary>
public sealed record ArtifactSpec
{
    /// <summary>The key the model uses to find the file (e.g. <c>model</c>, <c>vocab</c>).</summary>
    public string Name { get; init; } = "model";

    /// <summary>Where the file comes from.</summary>
    public required string Uri { get; init; }

    /// <summary>The expected sha256 in lower-case hex; a file that differs is refused.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The licence of the file, shown by <c>models list</c> and recorded in docs/models.md.</summary>
    public string? License { get; init; }

    /// <summary>
    /// A <c>file:</c> URI in the model folder used when the artifact cannot be had (not cached, and the fetch fails);
    /// the pin does not apply to it. For tables whose complete version is reference data that may be absent.
    /// </summary>
    public string? Fallback { get; init; }
}
