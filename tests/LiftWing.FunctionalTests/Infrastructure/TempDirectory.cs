namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>A throw-away folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates an empty folder.</summary>
    public static TempDirectory Create()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "liftwing-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return new TempDirectory(dir);
    }

    /// <summary>Creates a folder holding a recursive copy of <paramref name="source"/>'s contents.</summary>
    public static TempDirectory CopyOf(string source)
    {
        var t = Create();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(t.Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return t;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
