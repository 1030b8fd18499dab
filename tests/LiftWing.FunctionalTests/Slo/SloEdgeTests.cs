using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>The edge histogram and <c>GET /slo</c> over real HTTP.</summary>
public sealed class SloEdgeTests
{
    [Fact]
    public async Task Load_MetricsAndSlo_CountKnownShares()
    {
        using var models = SloServers.EchoModels();
        await using var server = await SloServers.StartAsync(models);
        var sent = await SloServers.LoadAsync(server.Client, 200);
        using var notFound = await server.Client.PostAsync("v1/models/nope:predict", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);

        var metrics = await server.Client.GetStringAsync("metrics");
        Assert.Contains("liftwing_edge_request_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("model_name=\"nope\"", metrics, StringComparison.Ordinal);
        // The configured 120 ms threshold is a bucket boundary (it is not one of the default buckets).
        Assert.Contains("code=\"200\",model_name=\"echo\",le=\"0.12\"}", metrics, StringComparison.Ordinal);

        var slo = JsonDocument.Parse(await server.Client.GetStringAsync("slo")).RootElement;
        var echo = slo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "echo");
        var availability = echo.GetProperty("objectives")[0];
        Assert.Equal("availability", availability.GetProperty("objective").GetString());
        Assert.Equal(0.99, availability.GetProperty("target").GetDouble());
        var w5 = availability.GetProperty("windows").GetProperty("5m");
        Assert.Equal(sent.Total, w5.GetProperty("events").GetInt64());
        Assert.Equal(sent.Total - sent.Errors, w5.GetProperty("good").GetInt64());
        var latency = echo.GetProperty("objectives")[1];
        Assert.Equal(SloServers.ThresholdMs, latency.GetProperty("threshold_ms").GetDouble());
        var l5 = latency.GetProperty("windows").GetProperty("quarter");
        Assert.Equal(sent.Ok, l5.GetProperty("events").GetInt64());
        // Made-slow requests are slow at the edge too; what the client saw fast was fast at the edge.
        Assert.InRange(l5.GetProperty("good").GetInt64(), sent.ClientFast, sent.Ok - sent.Slow);
        Assert.Equal(sent.Errors, sent.Total / 20);
        var other = slo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "other");
        Assert.Equal(JsonValueKind.Null, other.GetProperty("objectives")[0].GetProperty("windows").GetProperty("28d").GetProperty("sli").ValueKind);
        Assert.Equal(1.0, other.GetProperty("objectives")[0].GetProperty("budget_remaining_quarter").GetDouble());
    }

    [Fact]
    public async Task SqliteStore_CountsSurviveARestart_AndTwoProcessesAddUp()
    {
        var db = Path.Combine(Path.GetTempPath(), "lw-slo-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using var models = SloServers.EchoModels();
            var store = new[] { ("LiftWing:Slo:Store", "Sqlite"), ("LiftWing:Slo:SqlitePath", db) };
            (int Total, int Errors, int Ok, int Slow, int ClientFast) first;
            await using (var a = await SloServers.StartAsync(models, store))
            {
                first = await SloServers.LoadAsync(a.Client, 60);
            }

            // A new process on the same file: the first one's counts (flushed at shutdown) are there, and its own add up.
            await using var b = await SloServers.StartAsync(models, store);
            var second = await SloServers.LoadAsync(b.Client, 40);
            var slo = JsonDocument.Parse(await b.Client.GetStringAsync("slo")).RootElement;
            Assert.Equal("sqlite", slo.GetProperty("store").GetString());
            var echo = slo.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "echo");
            var quarter = echo.GetProperty("objectives")[0].GetProperty("windows").GetProperty("quarter");
            Assert.Equal(first.Total + second.Total, quarter.GetProperty("events").GetInt64());
            Assert.Equal(first.Total + second.Total - first.Errors - second.Errors, quarter.GetProperty("good").GetInt64());
            Assert.Equal(first.Total + second.Total, echo.GetProperty("objectives")[0].GetProperty("windows").GetProperty("5m").GetProperty("events").GetInt64());
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}
