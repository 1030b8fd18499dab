using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Cli.LoadTest;

namespace LiftWing.Benchmarks;

/// <summary>
/// End-to-end HTTP latency of <c>POST /v1/models/langid:predict</c> against a running <c>liftwing serve</c>, at
/// concurrency 1 and 16, with 100-character texts (the loop is <c>liftwing loadtest</c>'s):
/// <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- langid-http http://127.0.0.1:8080 [seconds]</c>.
/// The texts cycle through the benchmark set; the prediction cache, if enabled on the server, would hide the model,
/// so run the server with the cache off for model latency.
/// </summary>
internal static class LangIdHttpLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args.Length > 1 ? args[1] : "http://127.0.0.1:8080");
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 15;
        var text = LangIdBenchData.Texts().First(t => t.Length == 100);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text }));
        Console.WriteLine($"langid HTTP latency, {seconds} s per level, body {body.Length} bytes (100-character text)");
        Console.WriteLine("| concurrency | requests/s | p50 ms | p99 ms | failures (status: count) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var concurrency in new[] { 1, 16 })
        {
            var result = await LoadTester.RunAsync(
                new LoadTestOptions
                {
                    Url = new Uri(baseUrl, "v1/models/langid:predict"),
                    Body = body,
                    Concurrency = concurrency,
                    Duration = TimeSpan.FromSeconds(seconds),
                    Warmup = 500,
                },
                progress: null,
                CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {concurrency} | {result.RequestsPerSecond:F0} | {result.Percentile(0.5):F3} | {result.Percentile(0.99):F3} | {result.Failures} ({string.Join(", ", result.StatusCounts.Select(kv => $"{kv.Key}: {kv.Value}"))}) |"));
        }

        return 0;
    }
}
