using System.Diagnostics;

namespace LiftWing.Core.Processes;

/// <summary>Runs a package client (npm, dotnet restore, apt-get, dpkg-deb) and fails with its stderr when it fails; cancellation kills it.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/> with arguments in a folder; throws with the tail of its output on a non-zero exit.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> args, string workDir, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try
        {
            await p.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }

        if (p.ExitCode != 0)
        {
            var err = (await stderr.ConfigureAwait(false)).Trim();
            var output = (await stdout.ConfigureAwait(false)).Trim();
            var text = err.Length > 0 ? err : output;
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} failed ({p.ExitCode}): {(text.Length > 800 ? text[^800..] : text)}");
        }
    }
}
