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
}
