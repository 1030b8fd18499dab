namespace LiftWing.Tests.Common;

/// <summary>Paths tests need: the repository root, its models folder, and the shared data beside the clone.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the folder holding LiftWing.sln).</summary>
    public static string RepoRoot => s_root.Value;

    /// <summary>The repository's models folder.</summary>
    public static string Models => Path.Combine(RepoRoot, "models");

    /// <summary><c>../shared</c> beside the clone (override with LIFTWING_SHARED).</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("LIFTWING_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>A file under <c>../shared/data</c>.</summary>
    public static string SharedData(params string[] parts) => Path.Combine([Shared, "data", .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiftWing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LiftWing.sln not found above " + AppContext.BaseDirectory);
    }
}
