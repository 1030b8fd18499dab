using System.Diagnostics;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>
/// Debian's <c>chromium</c> in headless mode (installed by scripts/setup/slo.sh), one process per call with a fresh
/// profile folder and nothing that phones home; bounded by a timeout, then killed.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>The page's DOM after load (<c>--dump-dom</c>; it needs script on, so "no JavaScript" is checked on the page itself).</summary>
    public static Task<string> DumpDomAsync(Uri url) => RunAsync(["--dump-dom", url.ToString()]);

    /// <summary>Saves a PNG screenshot of the page.</summary>
    public static async Task ScreenshotAsync(Uri url, string path, int width, int height)
    {
        await RunAsync([$"--screenshot={path}", $"--window-size={width},{height}", "--hide-scrollbars", url.ToString()]);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"chromium wrote no screenshot to {path}");
        }
    }

    private static async Task<string> RunAsync(string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("lw-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                     }.Concat(args))
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start chromium");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await p.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish in 90 s: {await stderr}");
            }

            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited with {p.ExitCode}: {await stderr}");
            }

            return await stdout;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
