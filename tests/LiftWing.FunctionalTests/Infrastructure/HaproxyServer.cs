using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>
/// A real <c>haproxy</c> (Debian package, installed by scripts/setup/deploy.sh) in front of serve replicas on
/// 127.0.0.1: round robin, readiness checks on /v2/health/ready, retries on a replica that dies mid-request and
/// redispatch to another one.
/// </summary>
public sealed class HaproxyServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _config;

    private HaproxyServer(Process process, string config, int port, StringBuilder output)
    {
        _process = process;
        _config = config;
        Port = port;
        Output = output;
    }

    /// <summary>The front-end port.</summary>
    public int Port { get; }

    /// <summary>haproxy's own output (for diagnostics).</summary>
    public StringBuilder Output { get; }

    /// <summary>The configuration used: retries and redispatch on, fast health checks.</summary>
    public static string Config(int port, IEnumerable<int> backends)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            global
              maxconn 512
            defaults
              mode http
              timeout connect 1s
              # Without it a check's whole budget is inter (250 ms): on a loaded machine a live replica answering
              # /v2/health/ready slowly is marked down (fall 1), and with all of them down HAProxy answers 503.
              # A dead replica still fails its check at once (connection refused).
              timeout check 5s
              timeout client 60s
              timeout server 60s
              retries 3
              option redispatch 1
              retry-on all-retryable-errors
            frontend liftwing
              bind 127.0.0.1:{port}
              default_backend replicas
            backend replicas
              balance roundrobin
              option httpchk GET /v2/health/ready
              http-check expect status 200
              default-server inter 250ms fall 1 rise 2

            """);
        var i = 0;
        foreach (var b in backends)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  server replica{++i} 127.0.0.1:{b} check\n");
        }

        return sb.ToString();
    }

    /// <summary>Starts haproxy in the foreground on a free port and waits until it accepts connections.</summary>
    public static async Task<HaproxyServer> StartAsync(IEnumerable<int> backends)
    {
        var port = LiftWingTestServer.FreePort();
        var config = Path.Combine(Path.GetTempPath(), $"liftwing-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(config, Config(port, backends));
        var psi = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-db", "-f", config })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start haproxy");
        var output = CliRunner.Capture(p);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !p.HasExited)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync("127.0.0.1", port);
                return new HaproxyServer(p, config, port, output);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("haproxy did not start: " + output);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_config);
    }
}
