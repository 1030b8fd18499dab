using System.Diagnostics;
using System.Text.Json;

namespace LiftWing.FunctionalTests.HuggingFace;

/// <summary>
/// Runs openai-embeddings.cjs with the official <c>openai</c> npm client, installed by scripts/setup/hf.sh
/// (or here, with npm, when the setup script has not run).
/// </summary>
internal static class OpenAINodeClient
{
    public const string Version = "5.23.2";

    public static string PackageDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("LIFTWING_NODE_DIR");
            if (string.IsNullOrEmpty(dir))
            {
                var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
                    ? x
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
                dir = Path.Combine(cache, "liftwing", $"node-openai-{Version}");
            }

            return dir;
        }
    }

    public static async Task<JsonElement> RunAsync(Uri serverBase, string model)
    {
        var modules = Path.Combine(PackageDirectory, "node_modules", "openai");
        if (!File.Exists(Path.Combine(modules, "package.json")))
        {
            Directory.CreateDirectory(PackageDirectory);
            await RunProcessAsync("npm", ["install", "--prefix", PackageDirectory, "--no-audit", "--no-fund", "--ignore-scripts", "--silent", $"openai@{Version}"]);
        }

        var script = Path.Combine(AppContext.BaseDirectory, "HuggingFace", "openai-embeddings.cjs");
        var stdout = await RunProcessAsync("node", [script, modules, new Uri(serverBase, "openai/v1").ToString(), model]);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static async Task<string> RunProcessAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(p.ExitCode == 0, $"{file} failed ({p.ExitCode}): {await stderr}");
        return await stdout;
    }
}
