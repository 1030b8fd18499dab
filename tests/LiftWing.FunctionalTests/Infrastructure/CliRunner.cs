using System.Diagnostics;
using System.Text;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>Runs the built <c>liftwing</c> CLI as a separate process, as a user would.</summary>
public static class CliRunner
{
    /// <summary>The CLI assembly next to the test binaries (the test project references LiftWing.Cli).</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "liftwing.dll");

    /// <summary>Starts the CLI with arguments; stdout and stderr are captured.</summary>
    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, null, args);

    /// <summary>Starts the CLI with extra environment variables.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        psi.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
    }

    /// <summary>Runs the CLI to completion (bounded) and returns exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, string? stdin, TimeSpan timeout, params string[] args) =>
        RunAsync(workingDirectory, null, stdin, timeout, args);

    /// <summary>Runs the CLI to completion with extra environment variables.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? stdin, TimeSpan timeout, params string[] args)
    {
        using var p = Start(workingDirectory, environment, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
        }

        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(true);
            throw new TimeoutException($"liftwing {string.Join(' ', args)} did not finish in {timeout}: {await stderr}");
        }

        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Collects a running process's output into a buffer (for diagnostics).</summary>
    public static StringBuilder Capture(Process p)
    {
        var sb = new StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (sb) { sb.AppendLine(e.Data); } };
        p.ErrorDataReceived += (_, e) => { lock (sb) { sb.AppendLine(e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return sb;
    }
}
