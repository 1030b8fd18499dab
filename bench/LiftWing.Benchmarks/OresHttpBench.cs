using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LiftWing.Cli.LoadTest;
using LiftWing.Core.Caching;
using LiftWing.Server;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.Benchmarks;

/// <summary>
/// ORES <c>GET /v3/scores/enwiki/?models=damaging|goodfaith&amp;revids=(10)</c> over loopback, in one run:
/// (1) answered from the prediction cache, next to a bare Kestrel endpoint writing the same bytes;
/// (2) every score recomputed (<c>Cache-Control: no-cache</c>) against a fake upstream Lift Wing answering each call
/// in 50 ms, next to the one-round-trip floor (50 ms) and the serial cost (20 × 50 ms).
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- ores-http [seconds] [upstream-ms]</c>
/// </summary>
public static class OresHttpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var upstreamMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var revids = Enumerable.Range(1097728140, 10).Select(r => (long)r).ToArray();
        var recorded = JsonDocument.Parse(File.ReadAllBytes(TestPaths.SharedData("liftwing", "ores", "liftwing_responses.json"))).RootElement.GetProperty("responses");
        await using var upstream = new FakeLiftWingUpstream { Delay = TimeSpan.FromMilliseconds(upstreamMs) };
        foreach (var model in new[] { "damaging", "goodfaith" })
        {
            var body = recorded.GetProperty(model).GetRawText();
            foreach (var r in revids)
            {
                upstream.Answer($"enwiki-{model}", r, 200, body.Replace("1097728152", r.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
        }

        using var models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        var lwPort = LoopbackBench.FreePort();
        var settings = new LiftWingHostSettings
        {
            ConsoleLogging = false,
            ConfigureServices = s =>
            {
                s.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
                s.AddLiftWingPredictionCache(o => o.Store = CacheStoreKind.Memory);
            },
        };
        settings.Configuration["LiftWing:Server:Port"] = lwPort.ToString(CultureInfo.InvariantCulture);
        settings.Configuration["LiftWing:Models:Directory"] = models.Directory;
        settings.Configuration["LiftWing:Ores:Upstream"] = upstream.BaseAddress.ToString();
        await using var lw = LiftWingHost.Build(settings);
        await lw.StartAsync();
        var path = $"/v3/scores/enwiki/?models=damaging|goodfaith&revids={string.Join('|', revids)}";
        var lwUrl = new Uri($"http://127.0.0.1:{lwPort}{path}");
        using var client = new HttpClient();
        var document = await client.GetByteArrayAsync(lwUrl); // fills the cache: 20 upstream calls
        var callsAfterFill = upstream.Calls.Count;

        var (bare, bareUrl) = await LoopbackBench.StartBareAsync("GET", "/v3/scores/enwiki/", () => document, $"?models=damaging|goodfaith&revids={string.Join('|', revids)}");
        await using var bareApp = bare;

        LoadTestResult Run(Uri url, int concurrency, TimeSpan duration, bool noCache = false) => LoadTester.RunAsync(new LoadTestOptions
        {
            Url = url,
            Method = HttpMethod.Get,
            Concurrency = concurrency,
            Duration = duration,
            Warmup = noCache ? 3 : 200,
            Headers = noCache ? [new("Cache-Control", "no-cache")] : [],
        }, null, CancellationToken.None).GetAwaiter().GetResult();

        var span = TimeSpan.FromSeconds(seconds);
        // Alternate twice so drift on the shared machine hits both sides alike.
        var cached = new[] { Run(lwUrl, 1, span), Run(bareUrl, 1, span), Run(lwUrl, 1, span), Run(bareUrl, 1, span) };
        var cachedCalls = upstream.Calls.Count - callsAfterFill;
        var fresh = Run(lwUrl, 1, span, noCache: true);
        var freshCalls = upstream.Calls.Count - callsAfterFill - cachedCalls;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"document bytes: {document.Length}; {seconds} s per run; {Environment.ProcessorCount} cores; sequential requests (concurrency 1)"));
        foreach (var (name, r) in new[] { ("ores cached #1", cached[0]), ("bare kestrel #1", cached[1]), ("ores cached #2", cached[2]), ("bare kestrel #2", cached[3]), ($"ores {upstreamMs} ms upstream", fresh) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} n={r.Count,7} fail={r.Failures} [{string.Join(" ", r.StatusCounts.Select(kv => $"{kv.Key}:{kv.Value}"))}] p50={r.Percentile(0.5),8:0.000} ms p90={r.Percentile(0.9),8:0.000} ms p99={r.Percentile(0.99),8:0.000} ms"));
        }

        var lwP50 = (cached[0].Percentile(0.5) + cached[2].Percentile(0.5)) / 2;
        var bareP50 = (cached[1].Percentile(0.5) + cached[3].Percentile(0.5)) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cached: p50 {lwP50:0.000} ms, bare {bareP50:0.000} ms, ratio {lwP50 / bareP50:0.00}; upstream calls while cached: {cachedCalls}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"upstream {upstreamMs} ms: p50 {fresh.Percentile(0.5):0.0} ms = {fresh.Percentile(0.5) / upstreamMs:0.00} round trips (serial would be {20 * upstreamMs} ms); {freshCalls / (double)Math.Max(1, fresh.Count + 3):0.0} upstream calls per request"));
        await lw.StopAsync();
        await bare.StopAsync();
        return 0;
    }
}
