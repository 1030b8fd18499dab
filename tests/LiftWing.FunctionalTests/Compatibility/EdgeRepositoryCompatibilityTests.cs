using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Compatibility;

/// <summary>
/// Issue 15: KServe's answers around the model repository (unload, load) and model.yaml's <c>namespaces:</c> for Host
/// routing; each test has its own server of echo models because it changes model state or configuration.
/// </summary>
public sealed class EdgeRepositoryCompatibilityTests
{
    private static Task<LiftWingTestServer> StartAsync(TempModels models) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertAsync(Task<HttpResponseMessage> send, HttpStatusCode status, string expectedBody)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(expectedBody, text);
    }

    [Fact]
    public async Task AfterUnload_TheModelDoesNotExist_AsInKServe()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await StartAsync(models);
        await AssertAsync(server.Client.PostAsync("v2/repository/models/a/unload", Json("{}")), HttpStatusCode.OK, """{"name":"a","unload":true}""");
        await AssertAsync(server.Client.PostAsync("v1/models/a:predict", Json("{}")), HttpStatusCode.NotFound, """{"error":"Model with name a does not exist."}""");
        await AssertAsync(server.Client.PostAsync("v2/models/a/infer", Json("""{"inputs":[]}""")), HttpStatusCode.NotFound, """{"error":"Model with name a does not exist."}""");
        await AssertAsync(server.Client.GetAsync("v2/models"), HttpStatusCode.OK, """{"models":[]}""");
        // A second unload finds nothing, as KServe's KeyError → ModelNotFound; a load brings it back.
        await AssertAsync(server.Client.PostAsync("v2/repository/models/a/unload", Json("{}")), HttpStatusCode.NotFound, """{"error":"Model with name a does not exist."}""");
        await AssertAsync(server.Client.PostAsync("v2/repository/models/a/load", Json("{}")), HttpStatusCode.OK, """{"name":"a","load":true}""");
        await AssertAsync(server.Client.GetAsync("v2/models"), HttpStatusCode.OK, """{"models":["a"]}""");
    }

    [Fact]
    public async Task LoadingAnUnknownModel_IsKServesModelNotReady()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await StartAsync(models);
        await AssertAsync(server.Client.PostAsync("v2/repository/models/nope/load", Json("{}")), HttpStatusCode.ServiceUnavailable,
            """{"error":"Model with name nope is not ready."}""");
    }

    [Fact]
    public async Task Namespaces_FromModelYaml_SelectTheModelByHost()
    {
        using var models = TempModels.Create(
            ("a", TempModels.EchoYaml("a", extra: "namespaces: [team-a, experimental]\n")),
            ("b", TempModels.EchoYaml("b")));
        await using var server = await StartAsync(models);

        async Task<HttpResponseMessage> SendAsync(string host, string model)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{model}:predict") { Content = Json("{}") };
            request.Headers.Host = host;
            return await server.Client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("a.team-a.wikimedia.org", "a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("a.experimental.wikimedia.org", "a")).StatusCode);
        await AssertAsync(SendAsync("a.team-a.wikimedia.org", "b"), HttpStatusCode.NotFound, """{"error":"Model with name b does not exist."}""");
        // b has no namespace (Lift Wing has no service named b): its Host selects nothing.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("b.team-a.wikimedia.org", "a")).StatusCode);
    }

    [Fact]
    public async Task Namespaces_Invalid_FailsTheModelNamingTheKey()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a", extra: "namespaces: [Not_A_Label]\n")), ("b", TempModels.EchoYaml("b")));
        await using var server = await StartAsync(models);
        var meta = await HttpAssert.JsonAsync(await server.Client.GetAsync("v2/models/a"), HttpStatusCode.OK);
        Assert.Contains("namespaces: 'Not_A_Label' is not a namespace name", meta.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v1/models/b:predict", Json("{}")), HttpStatusCode.OK);
    }
}
