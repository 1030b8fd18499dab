namespace LiftWing.Benchmarks;

/// <summary>The repository root and the shared data folder beside it (override with LIFTWING_SHARED).</summary>
internal static class RevertRiskBenchPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared =>
        Environment.GetEnvironmentVariable("LIFTWING_SHARED") is { Length: > 0 } s ? s : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
