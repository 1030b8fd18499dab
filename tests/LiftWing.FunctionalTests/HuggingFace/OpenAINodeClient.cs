using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;

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
            await ExternalProcess.RunAsync("npm", ["install", "--prefix", PackageDirectory, "--no-audit", "--no-fund", "--ignore-scripts", "--silent", $"openai@{Version}"]);
        }

        var script = Path.Combine(AppContext.BaseDirectory, "HuggingFace", "openai-embeddings.cjs");
        var stdout = await ExternalProcess.RunAsync("node", [script, modules, new Uri(serverBase, "openai/v1").ToString(), model]);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
