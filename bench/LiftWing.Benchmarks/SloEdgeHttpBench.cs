using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Cli.LoadTest;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;

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
        var (offApp, offUrl) = await LoopbackBench.StartLangIdAsync([KeyValuePair.Create("LiftWing:Slo:Enabled", (string?)"false")]);
        await using var offDispose = offApp;
        var (onApp, onUrl) = await LoopbackBench.StartLangIdAsync([KeyValuePair.Create("LiftWing:Slo:Enabled", (string?)"true")]);
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

        var medianOff = LoopbackBench.Median(offRps);
        var medianOn = LoopbackBench.Median(onRps);
        // The median of the per-round ratios is robust to drift across rounds (other load on a shared machine).
        var pairedRatio = LoopbackBench.Median(onRps.Zip(offRps, (a, b) => a / b).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median rps: slo off {medianOff:0}, slo on {medianOn:0}; ratio of medians on/off = {medianOn / medianOff:0.000}; median of per-round ratios = {pairedRatio:0.000} (cost {(1 - pairedRatio) * 100:0.0} %)"));
        return 0;
    }


}
