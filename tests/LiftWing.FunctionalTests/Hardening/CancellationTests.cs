using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>CPU-bound work stops when the client disconnects, and the request timeout is a 504 that stops it too.</summary>
public sealed class CancellationTests
{
    private static Task<LiftWingTestServer> StartAsync(TempModels models, string? timeout = null) => LiftWingTestServer.StartAsync(s =>
    {
        s.ModelsDirectory = models.Directory;
        s.ConfigureServices = services =>
        {
            services.AddModelServer(SpinModel.ServerType, static (c, _) => new SpinModel(c));
            if (timeout is not null)
            {
                services.AddOptions<LiftWing.Core.Inference.InferenceOptions>().Configure(o => o.RequestTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
    });

    private static SpinModel Spin(LiftWingTestServer server) => server.Model<SpinModel>("spin");

    [Fact]
    public async Task ClientDisconnect_StopsTheModelsWork()
    {
        using var models = TempModels.Create(("spin", "name: spin\nserver: spin\n"));
        await using var server = await StartAsync(models);
        using var cts = new CancellationTokenSource();
        var request = server.Client.PostAsync("v1/models/spin:predict", new StringContent("{}", Encoding.UTF8, "application/json"), cts.Token);
        await Spin(server).Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(Spin(server).Stopped.Task.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        // The generous bound is only for a loaded CI machine; the work stops at its next token check.
        await Spin(server).Stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Timeout_Is504_AndStopsTheWork()
    {
        using var models = TempModels.Create(("spin", "name: spin\nserver: spin\n"));
        await using var server = await StartAsync(models, "00:00:00.300");
        using var r = await server.Client.PostAsync("v1/models/spin:predict", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode);
        Assert.Contains("timed out", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(Spin(server).Stopped.Task.IsCompleted);
    }
}
