using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>
/// A real Prometheus (Debian <c>prometheus</c>, installed by scripts/setup/slo.sh) on a free loopback port, scraping
/// one target every second and evaluating a rules file; its data lives in a temp folder, removed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _dir;

    private PrometheusServer(Process process, StringBuilder log, string dir, HttpClient client)
    {
        _process = process;
        _log = log;
        _dir = dir;
        Client = client;
    }

    /// <summary>A client for the HTTP API.</summary>
    public HttpClient Client { get; }

    /// <summary>What Prometheus logged (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(Uri target, string rules)
    {
        var dir = Directory.CreateTempSubdirectory("lw-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "rules.yaml"), rules);
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global:
              scrape_interval: 2s
              scrape_timeout: 2s
              evaluation_interval: 1s
            rule_files:
              - rules.yaml
            scrape_configs:
              - job_name: liftwing
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var port = LiftWingTestServer.FreePort();
        var psi = new ProcessStartInfo("prometheus") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     "--config.file=prometheus.yml", "--storage.tsdb.path=data", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start prometheus");
        var log = CliRunner.Capture(process);
        var server = new PrometheusServer(process, log, dir, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var r = await server.Client.GetAsync("-/ready");
                if (r.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        var message = $"prometheus did not become ready: {server.Log}";
        await server.DisposeAsync();
        throw new InvalidOperationException(message);
    }

    /// <summary>An instant query: label set of model_name → value (empty when there is no result).</summary>
    public async Task<Dictionary<string, double>> QueryAsync(string promql)
    {
        var json = await Client.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        var result = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("result");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in result.EnumerateArray())
        {
            var model = r.GetProperty("metric").TryGetProperty("model_name", out var m) ? m.GetString()! : "";
            values[model] = double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
