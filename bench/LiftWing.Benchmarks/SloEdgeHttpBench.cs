using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LiftWing.Cli.LoadTest;
using LiftWing.Server;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Benchmarks;

/// <summary>
/// The cost of recording the SLO edge latency: langid V1 predict throughput over loopback HTTP with the edge recorder on
/// (<c>LiftWing:Slo:Enabled=true</c>, the default) and off, two servers in one process, runs alternated (off, on, off,
/// on, …) so that drift on a shared machine hits both alike; medians, their ratio and the median of the per-round ratios. No prediction cache: the model runs.
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- slo-http [seconds] [concurrency] [rounds]</c>
/// </summary>
public static class SloEdgeHttpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        await LangIdArtifacts.ModelPathAsync();
        var text = LangIdBenchData.Texts().First(t => t.Length == 100);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text }));
        var (offApp, offUrl) = await StartAsync(enabled: false);
        await using var offDispose = offApp;
        var (onApp, onUrl) = await StartAsync(enabled: true);
        await using var onDispose = onApp;

        LoadTestResult Run(Uri url) => LoadTester.RunAsync(new LoadTestOptions
        {
            Url = url,
            Body = body,
            Concurrency = concurrency,
            Duration = TimeSpan.FromSeconds(seconds),
            Warmup = 500,
        }, null, CancellationToken.None).GetAwaiter().GetResult();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"langid V1 predict, body {body.Length} bytes; concurrency {concurrency}; {seconds} s per run; {rounds} rounds; {Environment.ProcessorCount} cores"));
        var offRps = new List<double>();
        var onRps = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            // Alternate which side goes first, so that neither always runs on the warmer or quieter half of a round.
            var pair = new[] { ("slo off", offUrl, offRps), ("slo on", onUrl, onRps) };
            foreach (var (name, app, list) in i % 2 == 0 ? pair : pair.Reverse())
            {
                var r = Run(app);
                if (r.Failures > 0)
                {
                    throw new InvalidOperationException($"{name}: {r.Failures} failures");
                }

                list.Add(r.RequestsPerSecond);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {i + 1} {name,-8} n={r.Count,8} rps={r.RequestsPerSecond,9:0} p50={r.Percentile(0.5),7:0.000} ms p99={r.Percentile(0.99),7:0.000} ms"));
            }
        }

        var medianOff = Median(offRps);
        var medianOn = Median(onRps);
        // The median of the per-round ratios is robust to drift across rounds (other load on a shared machine).
        var pairedRatio = Median(onRps.Zip(offRps, (a, b) => a / b).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median rps: slo off {medianOff:0}, slo on {medianOn:0}; ratio of medians on/off = {medianOn / medianOff:0.000}; median of per-round ratios = {pairedRatio:0.000} (cost {(1 - pairedRatio) * 100:0.0} %)"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }

    private static async Task<(WebApplication App, Uri PredictUrl)> StartAsync(bool enabled)
    {
        var port = FreePort();
        var settings = new LiftWingHostSettings
        {
            ConsoleLogging = false,
            ConfigureServices = s => s.AddLiftWingModels(),
        };
        settings.Configuration["LiftWing:Server:Port"] = port.ToString(CultureInfo.InvariantCulture);
        settings.Configuration["LiftWing:Models:Directory"] = TestPaths.Models;
        settings.Configuration["LiftWing:Models:Only:0"] = "langid";
        settings.Configuration["LiftWing:Slo:Enabled"] = enabled ? "true" : "false";
        var app = LiftWingHost.Build(settings);
        await app.StartAsync();
        using var client = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            using var r = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/models/langid/ready"));
            if (r.StatusCode == HttpStatusCode.OK)
            {
                return (app, new Uri($"http://127.0.0.1:{port}/v1/models/langid:predict"));
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("langid did not load");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
