using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>A real <c>liftwing serve</c> process on a free port, ready when a model answers ready; disposing kills it.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private ServeProcess(Process process, HttpClient client, StringBuilder output)
    {
        Process = process;
        Client = client;
        Output = output;
    }

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>A client whose base address is the server.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the process printed (for failure messages).</summary>
    public StringBuilder Output { get; }

    /// <summary>Starts <c>liftwing serve --grpc-port 0 --port P ARGS</c> in the repository root and waits until <paramref name="model"/> is ready.</summary>
    public static Task<ServeProcess> StartAsync(string model, params string[] args) => StartAsync(model, null, args);

    /// <summary>The same, with extra environment variables (e.g. <c>LIFTWING__CACHE__*</c> keys).</summary>
    public static async Task<ServeProcess> StartAsync(string model, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var port = LiftWingTestServer.FreePort();
        var p = CliRunner.Start(LiftWing.Tests.Common.TestPaths.RepoRoot, environment, ["serve", "--grpc-port", "0", "--port", port.ToString(CultureInfo.InvariantCulture), .. args]);
        var serve = new ServeProcess(p, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") }, CliRunner.Capture(p));
        await WaitReadyAsync(serve.Client, p, serve.Output, $"v2/models/{model}/ready");
        return serve;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200; fails the test with the process output otherwise.</summary>
    public static Task WaitReadyAsync(HttpClient client, Process p, StringBuilder output, string path) =>
        WaitReadyAsync(client, p, output, path, s_timeout);

    /// <summary>Polls <c>GET /v2/health/ready</c> (every model loaded) until 200 within <paramref name="timeout"/>; fails with the process output if it exits or times out.</summary>
    public static Task WaitReadyAsync(HttpClient client, Process p, StringBuilder output, TimeSpan timeout) =>
        WaitReadyAsync(client, p, output, "v2/health/ready", timeout);

    private static async Task WaitReadyAsync(HttpClient client, Process p, StringBuilder output, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            try
            {
                using var r = await client.GetAsync(path);
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("serve did not become ready: " + output);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(true);
        }

        await Process.WaitForExitAsync();
        Process.Dispose();
    }
}
