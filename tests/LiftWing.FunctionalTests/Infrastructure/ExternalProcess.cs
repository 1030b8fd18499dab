using System.Diagnostics;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>Runs an independent client (node, python3, npm) to completion and returns its standard output.</summary>
internal static class ExternalProcess
{
    public static async Task<string> RunAsync(string file, string[] args)
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
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(p.ExitCode == 0, $"{file} failed ({p.ExitCode}): {await stderr}");
        return await stdout;
    }
}
