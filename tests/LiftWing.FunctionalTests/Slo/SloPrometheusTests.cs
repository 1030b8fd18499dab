using System.Text.Json;
using LiftWing.Server.Slo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>
/// A real Prometheus scrapes a LiftWing under a load with a known share of failed (5 %) and slow (10 %) requests and
/// evaluates the rules generated from the server's own SLO options; its SLIs must agree with <c>GET /slo</c> and
/// with the known shares.
/// </summary>
[Collection(SloPrometheusSerialDefinition.Name)]
public sealed class SloPrometheusTests(ITestOutputHelper output)
{
    // Prometheus's increase() extrapolates each series to the window's edges; over a load of a few scrapes that moves
    // a ratio by well under a percentage point. The tolerance is stated here and in docs/slo.md.
    private const double Tolerance = 0.01;

    [Fact]
    public async Task Prometheus_EvaluatesGeneratedRules_AgreesWithSloAndKnownShares()
    {
        using var models = SloServers.EchoModels();
        await using var server = await SloServers.StartAsync(models);
        var options = server.Services.GetRequiredService<IOptions<SloOptions>>().Value;
        await using var prometheus = await PrometheusServer.StartAsync(server.BaseAddress, SloRuleGenerator.Generate(options, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));

        // A series exists from its first request, and increase() cannot count what a series held when first scraped:
        // one 2xx and one 5xx create echo's series (every bucket), and the load starts once Prometheus has them.
        const string Scraped = "sum by (model_name) (liftwing_edge_request_seconds_count{model_name=\"echo\"})";
        foreach (var body in new[] { "{\"prime\":1}", "{\"fail\":\"crash\",\"prime\":2}" })
        {
            using var r = await server.Client.PostAsync("v1/models/echo:predict", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        }

        await WaitAsync(prometheus, async () => (await prometheus.QueryAsync(Scraped)).GetValueOrDefault("echo") == 2, "the first scrape");
        var sent = await SloServers.LoadAsync(server.Client, 400);
        // Wait until Prometheus has scraped every request and evaluated the rules on that scrape.
        await WaitAsync(prometheus, async () => (await prometheus.QueryAsync(Scraped)).GetValueOrDefault("echo") == 2 + sent.Total, "the last scrape");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var slo = JsonDocument.Parse(await server.Client.GetStringAsync("slo")).RootElement;
        var echo = slo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "echo");
        foreach (var (objective, index) in new[] { ("availability", 0), ("latency", 1) })
        {
            var windows = echo.GetProperty("objectives")[index].GetProperty("windows");
            foreach (var window in new[] { "5m", "1h", "28d" })
            {
                var fromSlo = windows.GetProperty(window).GetProperty("sli").GetDouble();
                var fromPrometheus = (await prometheus.QueryAsync($"liftwing:slo_{objective}:sli{window}")).GetValueOrDefault("echo", double.NaN);
                output.WriteLine($"{objective} {window}: /slo {fromSlo:F4}, Prometheus {fromPrometheus:F4}");
                Assert.InRange(fromPrometheus, fromSlo - Tolerance, fromSlo + Tolerance);
            }
        }

        // The known shares: 5 % of requests fail; of the 2xx, those made slow are slow and what the client saw fast is fast.
        var availability = (await prometheus.QueryAsync("liftwing:slo_availability:sli5m"))["echo"];
        Assert.InRange(availability, 0.95 - Tolerance, 0.95 + Tolerance);
        var latency = (await prometheus.QueryAsync("liftwing:slo_latency:sli5m"))["echo"];
        Assert.InRange(latency, ((double)sent.ClientFast / sent.Ok) - Tolerance, ((double)(sent.Ok - sent.Slow) / sent.Ok) + Tolerance);
        // The other model had no traffic: no SLI at all (not NaN), and no alert fires for either.
        Assert.False((await prometheus.QueryAsync("liftwing:slo_availability:sli5m")).ContainsKey("other"));
        Assert.Empty(await prometheus.QueryAsync("ALERTS{alertstate=\"firing\",model_name=\"other\"}"));
        const string Named = "label_replace({__name__=~\"liftwing:.*\"}, \"rule\", \"$1\", \"__name__\", \"(.*)\")";
        Assert.Empty(await prometheus.QueryAsync($"{Named} != {Named}"));
    }

    private static async Task WaitAsync(PrometheusServer prometheus, Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        // What Prometheus last saw and its target's scrape state, so a timeout says why.
        var seen = await prometheus.QueryAsync("sum by (model_name) (liftwing_edge_request_seconds_count)");
        var targets = await prometheus.Client.GetStringAsync("api/v1/targets");
        throw new TimeoutException($"Prometheus did not reach {what} within 60 s; request counts seen: " +
            $"{string.Join(", ", seen.Select(kv => $"{kv.Key}={kv.Value}"))}; targets: {targets}; log: {prometheus.Log}");
    }
}
