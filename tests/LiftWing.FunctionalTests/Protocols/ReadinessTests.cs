using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary><c>/v2/health/ready</c> is 503 while a required model is not ready, with the reasons in the body.</summary>
public sealed class ReadinessTests
{
    private static Task<LiftWingTestServer> StartAsync(TempModels models) => LiftWingTestServer.StartAsync(s =>
    {
        s.ModelsDirectory = models.Directory;
        s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
    });

    [Fact]
    public async Task Ready_IsUnavailable_WhileARequiredModelIsNot_AndNamesIt()
    {
        using var models = TempModels.Create(
            ("echo", TempModels.EchoYaml("echo")),
            ("broken", TempModels.EchoYaml("broken", extra: "options:\n  fail_load: true\n")));
        await using var server = await StartAsync(models);
        using var r = await server.Client.GetAsync("v2/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("ready").GetBoolean());
        var reason = Assert.Single(body.GetProperty("reasons").EnumerateArray()).GetString();
        Assert.Contains("broken", reason, StringComparison.Ordinal);
        Assert.Contains("configured to fail loading", reason, StringComparison.Ordinal);

        // Unloading a required model takes the server out of rotation; loading it again brings it back.
        using var unload = await server.Client.PostAsync("v2/repository/models/echo/unload", null);
        Assert.Equal(HttpStatusCode.OK, unload.StatusCode);
        using var after = await server.Client.GetAsync("v2/health/ready");
        Assert.Contains("model echo is not ready", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_IgnoresModelsMarkedNotRequired()
    {
        using var models = TempModels.Create(
            ("echo", TempModels.EchoYaml("echo")),
            ("optional", TempModels.EchoYaml("optional", extra: "required: false\noptions:\n  fail_load: true\n")));
        await using var server = await StartAsync(models);
        using var r = await server.Client.GetAsync("v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("ready").GetBoolean());
    }
}
