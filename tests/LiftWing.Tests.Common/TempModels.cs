namespace LiftWing.Tests.Common;

/// <summary>A throw-away models folder with model.yaml files written by a test.</summary>
public sealed class TempModels : IDisposable
{
    private TempModels(string directory) => Directory = directory;

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>Creates a folder with one sub-folder per (name, yaml).</summary>
    public static TempModels Create(params (string Name, string Yaml)[] models)
    {
        var dir = Path.Combine(Path.GetTempPath(), "liftwing-models-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        var t = new TempModels(dir);
        foreach (var (name, yaml) in models)
        {
            t.Write(name, yaml);
        }

        return t;
    }

    /// <summary>Writes (or rewrites) a model's model.yaml.</summary>
    public string Write(string name, string yaml)
    {
        var d = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(d);
        var path = Path.Combine(d, "model.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>A minimal echo model definition.</summary>
    public static string EchoYaml(string name, string version = "1", string extra = "") =>
        $"name: {name}\nserver: echo\nversion: \"{version}\"\n{extra}";

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
