using System.Net;
using System.Text;
using LiftWing.Core.Inference;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary>Limits, timeouts, metrics and shutdown, each on its own server.</summary>
public sealed class RobustnessTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<LiftWingTestServer> StartAsync(TempModels models, Action<LiftWingTestServerSettings>? more = null) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
            more?.Invoke(s);
        });

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        using var models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        await using var server = await StartAsync(models, s => s.Settings["LiftWing:Server:MaxRequestBodyBytes"] = "4096");
        var big = "{\"text\":\"" + new string('a', 5000) + "\"}";
        await HttpAssert.ErrorAsync(await server.Client.PostAsync("v1/models/echo:predict", Json(big)), HttpStatusCode.RequestEntityTooLarge,
            "Request body too large: the limit is 4096 bytes.");

        // Chunked (no Content-Length) bodies are cut off at the limit too.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await HttpAssert.ErrorAsync(await server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "Request body too large: the limit is 4096 bytes.");

        var small = "{\"text\":\"" + new string('a', 1000) + "\"}";
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v1/models/echo:predict", Json(small)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task SlowPrediction_TimesOutWith504()
    {
        using var models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        await using var server = await StartAsync(models, s =>
        {
            var inner = s.ConfigureServices;
            s.ConfigureServices = services =>
            {
                inner?.Invoke(services);
                services.Configure<InferenceOptions>(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
            };
        });
        await HttpAssert.ErrorAsync(await server.Client.PostAsync("v1/models/echo:predict", Json("""{"sleep_ms": 20000}""")), HttpStatusCode.GatewayTimeout,
            "The request to model echo timed out after 0.3 s.");
    }

    [Fact]
    public async Task Metrics_ShowStageHistogramsAfterARequest()
    {
        // A model name of its own: meters are process-wide, and other tests' servers run in parallel.
        using var models = TempModels.Create(("metricsprobe", TempModels.EchoYaml("metricsprobe")));
        await using var server = await StartAsync(models);
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v1/models/metricsprobe:predict", Json("{}")), HttpStatusCode.OK);
        await HttpAssert.ErrorMessageAsync(await server.Client.PostAsync("v1/models/metricsprobe:predict", Json("""{"fail":"invalid"}""")), HttpStatusCode.BadRequest);
        var text = await server.Client.GetStringAsync("metrics");
        foreach (var name in new[] { "request_preprocess_seconds", "request_predict_seconds", "request_postprocess_seconds", "request_seconds" })
        {
            Assert.Matches($"(?m)^{name}_count\\{{.*model_name=\"metricsprobe\".*\\}} [1-9]", text);
            Assert.Matches($"(?m)^{name}_bucket\\{{.*model_name=\"metricsprobe\".*le=\"0.001\"\\}} ", text);
        }

        Assert.Matches("(?m)^liftwing_requests_total\\{.*model_name=\"metricsprobe\".*status_code=\"200\".*\\} 1", text);
        Assert.Matches("(?m)^liftwing_requests_total\\{.*model_name=\"metricsprobe\".*status_code=\"400\".*\\} 1", text);
        Assert.Matches("(?m)^liftwing_model_ready\\{.*model_name=\"metricsprobe\".*\\} 1", text);
        Assert.Contains("dotnet_gc_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_HostingRequestDuration_OnlyWhenAskedFor()
    {
        using var models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        await using (var plain = await StartAsync(models))
        {
            await HttpAssert.JsonAsync(await plain.Client.PostAsync("v1/models/echo:predict", Json("{}")), HttpStatusCode.OK);
            var text = await plain.Client.GetStringAsync("metrics");
            // The per-request edge histogram is there; ASP.NET Core's second timing of the same request is not.
            Assert.Matches("(?m)^request_seconds_bucket\\{", text);
            Assert.DoesNotContain("http_server_request_duration", text, StringComparison.Ordinal);
        }

        await using var asked = await StartAsync(models, s => s.Settings["LiftWing:Server:HttpServerMetrics"] = "true");
        await HttpAssert.JsonAsync(await asked.Client.PostAsync("v1/models/echo:predict", Json("{}")), HttpStatusCode.OK);
        Assert.Matches("(?m)^http_server_request_duration_seconds_count\\{.*http_route=\"/v1/models/\\{name\\}:predict\".*\\} [1-9]",
            await asked.Client.GetStringAsync("metrics"));
    }

    [Fact]
    public async Task Shutdown_FinishesInFlightRequests()
    {
        using var models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        var server = await StartAsync(models);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var echo = server.Model<EchoModel>("echo");
        var inFlight = client.PostAsync("v1/models/echo:predict", Json("""{"sleep_ms": 800}"""));

        // Shut down once the request is in the model: Kestrel closes connections whose request it has not yet read,
        // and on a busy machine that can take longer than any fixed pause.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (echo.PredictCount == 0 && !inFlight.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(1, echo.PredictCount);
        await server.DisposeAsync();
        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
