using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LiftWing.Cli.LoadTest;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiftWing.Benchmarks;

/// <summary>
/// The gateway's cost on langid HTTP throughput, side by side in one process: four LiftWing servers (langid
/// only, no prediction cache, so every request runs the model) that differ only in gateway settings, driven in
/// alternating rounds by the <c>liftwing loadtest</c> engine; medians of the rounds and ratios to "limits off".
/// Run: <c>dotnet run -c Release --project bench/LiftWing.Benchmarks -- gateway-http [seconds] [concurrency] [rounds]</c>
/// (needs redis-server on PATH for the Redis side).
/// </summary>
public static class GatewayHttpBench
{
    private const string HmacKey = "bench-hmac-key-0123456789abcdef-0123456789";
    private const string Issuer = "https://meta.wikimedia.org";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var text = LangIdBenchData.Texts().First(t => t.Length == 100);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text }));
        using var redis = StartRedis(out var redisPort);

        // A limit no run reaches, so every request pays for counting and none is refused.
        var limitsOn = new Dictionary<string, string?>
        {
            ["LiftWing:Gateway:RateLimits:ExemptLoopback"] = "false",
            ["LiftWing:Gateway:RateLimits:Classes:anon"] = "1000000000/hour",
            ["LiftWing:Gateway:RateLimits:Classes:authed-user"] = "1000000000/hour",
        };
        var sides = new List<(string Name, Dictionary<string, string?> Config, string? Token)>
        {
            ("limits off", new() { ["LiftWing:Gateway:RateLimits:Enabled"] = "false" }, null),
            ("limits in-process", new(limitsOn), null),
            ("limits redis", new(limitsOn) { ["LiftWing:Gateway:RateLimits:Redis"] = $"127.0.0.1:{redisPort}" }, null),
            ("jwt + limits in-process", new(limitsOn) { ["LiftWing:Gateway:Jwt:Issuers:0"] = Issuer, ["LiftWing:Gateway:Jwt:HmacKeys:0"] = HmacKey }, Token()),
        };

        var servers = new List<(WebApplication App, Uri Url)>();
        foreach (var side in sides)
        {
            servers.Add(await LoopbackBench.StartLangIdAsync(side.Config));
        }

        var rps = sides.Select(_ => new List<double>()).ToList();
        var p50 = sides.Select(_ => new List<double>()).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"langid predict, body {body.Length} bytes; concurrency {concurrency}; {seconds} s per run; {rounds} rounds; {Environment.ProcessorCount} cores"));
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < sides.Count; i++)
            {
                var headers = sides[i].Token is { } t ? new[] { KeyValuePair.Create("Authorization", "Bearer " + t) } : [];
                var r = await LoadTester.RunAsync(new LoadTestOptions
                {
                    Url = servers[i].Url,
                    Body = body,
                    Headers = headers,
                    Concurrency = concurrency,
                    Duration = TimeSpan.FromSeconds(seconds),
                    Warmup = 300,
                }, null, CancellationToken.None);
                rps[i].Add(r.RequestsPerSecond);
                p50[i].Add(r.Percentile(0.5));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} {sides[i].Name,-24} n={r.Count,8} fail={r.Failures} [{string.Join(" ", r.StatusCounts.Select(kv => $"{kv.Key}:{kv.Value}"))}] rps={r.RequestsPerSecond,8:0} p50={r.Percentile(0.5),7:0.000} ms"));
            }
        }

        var baseline = LoopbackBench.Median(rps[0]);
        Console.WriteLine();
        Console.WriteLine("| side | median requests/s | median p50 ms | throughput vs limits off |");
        Console.WriteLine("|---|---|---|---|");
        for (var i = 0; i < sides.Count; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sides[i].Name} | {LoopbackBench.Median(rps[i]):0} | {LoopbackBench.Median(p50[i]):0.000} | {LoopbackBench.Median(rps[i]) / baseline:0.000} |"));
        }

        foreach (var (app, _) in servers)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        redis.Kill();
        return 0;
    }


    private static string Token() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Claims = new Dictionary<string, object> { ["sub"] = "bench", ["aud"] = "bench-client" },
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(HmacKey)), SecurityAlgorithms.HmacSha256),
    });

    private static Process StartRedis(out int port)
    {
        port = LoopbackBench.FreePort();
        var psi = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        p.OutputDataReceived += static (_, _) => { };
        p.BeginOutputReadLine();
        Thread.Sleep(300);
        return p;
    }

}
