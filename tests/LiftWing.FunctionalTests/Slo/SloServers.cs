using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>Echo servers for the SLO tests, and a load with a known share of slow and failed requests.</summary>
internal static class SloServers
{
    /// <summary>The echo model's latency threshold in these tests (a slow request sleeps well past it).</summary>
    public const int ThresholdMs = 120;

    public static TempModels EchoModels() => TempModels.Create(("echo", TempModels.EchoYaml("echo")), ("other", TempModels.EchoYaml("other")));

    public static Task<LiftWingTestServer> StartAsync(TempModels models, params (string Key, string Value)[] settings) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
            s.Settings["LiftWing:Slo:Models:echo:LatencyThreshold"] = TimeSpan.FromMilliseconds(ThresholdMs).ToString();
            s.Settings["LiftWing:Slo:Models:echo:Availability"] = "0.99";
            foreach (var (k, v) in settings)
            {
                s.Settings[k] = v;
            }
        });

    /// <summary>
    /// Sends <paramref name="count"/> requests to echo, 4 at a time: every 10th sleeps 150 ms (slow), every 20th
    /// (offset 5) crashes (500); the rest are fast. Bodies are unique, so the prediction cache cannot answer them.
    /// Returns the requests, the 5xx, the 2xx, the 2xx that were made slow, and the 2xx that the client itself saw
    /// answered within the threshold (the server's edge time is at most the client's, so those are fast there too).
    /// </summary>
    public static async Task<(int Total, int Errors, int Ok, int Slow, int ClientFast)> LoadAsync(HttpClient client, int count, CancellationToken cancellationToken = default)
    {
        int errors = 0, slow = 0, clientFast = 0, next = -1;
        var workers = Enumerable.Range(0, 4).Select(async worker =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count)
                {
                    return;
                }

                var body = i % 20 == 5 ? $"{{\"fail\":\"crash\",\"i\":{i}}}" : i % 10 == 0 ? $"{{\"sleep_ms\":{ThresholdMs + 50},\"i\":{i}}}" : $"{{\"text\":\"fast\",\"i\":{i}}}";
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var r = await client.PostAsync("v1/models/echo:predict", content, cancellationToken);
                _ = await r.Content.ReadAsByteArrayAsync(cancellationToken);
                var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if ((int)r.StatusCode >= 500)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (i % 10 == 0)
                {
                    Interlocked.Increment(ref slow);
                }
                else if (ms <= ThresholdMs)
                {
                    Interlocked.Increment(ref clientFast);
                }
            }
        });
        await Task.WhenAll(workers);
        return (count, errors, count - errors, slow, clientFast);
    }
}
