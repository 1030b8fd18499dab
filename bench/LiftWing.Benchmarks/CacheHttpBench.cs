using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
/// Cached V1 predict over loopback HTTP vs a bare Kestrel endpoint that answers the same bytes, in one run,
/// driven by the <c>liftwing loadtest</c> engine. The LiftWing side is the full server (routing, request-id
/// middleware, body read and JSON parse, the model's cache key, L1 hit, X-Cache headers, metrics).
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- cache-http [seconds] [concurrency]</c>
/// </summary>
public static class CacheHttpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var body = Encoding.UTF8.GetBytes("{\"rev_id\":1319367938,\"lang\":\"en\"}");
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
        await using var lw = LiftWingHost.Build(settings);
        await lw.StartAsync();
        var lwUrl = new Uri($"http://127.0.0.1:{lwPort}/v1/models/echo:predict");
        using var client = new HttpClient();
        byte[] cached = [];
        for (var i = 0; i < 50 && cached.Length == 0; i++)
        {
            await Task.Delay(100);
            using var r = await client.PostAsync(lwUrl, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            if (r.StatusCode == HttpStatusCode.OK && r.Headers.TryGetValues("X-Cache", out var v) && v.Single() == "hit")
            {
                cached = await r.Content.ReadAsByteArrayAsync();
            }
        }

        var (bare, bareUrl) = await LoopbackBench.StartBareAsync("POST", "/v1/models/echo:predict", () => cached);
        await using var bareApp = bare;

        LoadTestResult Run(Uri url) => LoadTester.RunAsync(new LoadTestOptions
        {
            Url = url,
            Body = body,
            Concurrency = concurrency,
            Duration = TimeSpan.FromSeconds(seconds),
            Warmup = 200,
        }, null, CancellationToken.None).GetAwaiter().GetResult();

        // Alternate twice so drift on the shared machine hits both sides alike.
        var results = new[] { Run(lwUrl), Run(bareUrl), Run(lwUrl), Run(bareUrl) };
        var lwRps = (results[0].RequestsPerSecond + results[2].RequestsPerSecond) / 2;
        var bareRps = (results[1].RequestsPerSecond + results[3].RequestsPerSecond) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"response bytes: {cached.Length}; concurrency {concurrency}; {seconds} s per run; {Environment.ProcessorCount} cores"));
        foreach (var (name, r) in new[] { ("liftwing cached #1", results[0]), ("bare kestrel #1", results[1]), ("liftwing cached #2", results[2]), ("bare kestrel #2", results[3]) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-20} n={r.Count,8} fail={r.Failures} [{string.Join(" ", r.StatusCounts.Select(kv => $"{kv.Key}:{kv.Value}"))}] rps={r.RequestsPerSecond,9:0} p50={r.Percentile(0.5),7:0.000} ms p99={r.Percentile(0.99),7:0.000} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput ratio liftwing/bare = {lwRps / bareRps:0.00}"));
        await lw.StopAsync();
        await bare.StopAsync();
        return 0;
    }
}
