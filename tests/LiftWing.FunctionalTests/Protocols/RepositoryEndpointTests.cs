using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary>The V2 repository extension; each test has its own server because it changes model state.</summary>
public sealed class RepositoryEndpointTests
{
    private static Task<LiftWingTestServer> StartAsync(TempModels models) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Index_ListsModelsWithState()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a", "3")), ("b", TempModels.EchoYaml("b", extra: "options:\n  fail_load: true\n")));
        await using var server = await StartAsync(models);
        var body = await HttpAssert.JsonAsync(await server.Client.PostAsync("v2/repository/index", Json("{}")), HttpStatusCode.OK);
        var entries = body.EnumerateArray().ToList();
        Assert.Equal(["a", "b"], entries.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("READY", entries[0].GetProperty("state").GetString());
        Assert.Equal("3", entries[0].GetProperty("version").GetString());
        Assert.Equal("UNAVAILABLE", entries[1].GetProperty("state").GetString());
        Assert.Equal("configured to fail loading", entries[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task UnloadThenLoad_TakesTheModelOutAndBack()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await StartAsync(models);
        var c = server.Client;
        await HttpAssert.JsonAsync(await c.PostAsync("v1/models/a:predict", Json("{}")), HttpStatusCode.OK);

        var unload = await HttpAssert.JsonAsync(await c.PostAsync("v2/repository/models/a/unload", Json("{}")), HttpStatusCode.OK);
        Assert.True(unload.GetProperty("unload").GetBoolean());
        // Issue 15: an unloaded model is gone, as KServe's unload deletes it: 404 on every route.
        await HttpAssert.ErrorAsync(await c.PostAsync("v1/models/a:predict", Json("{}")), HttpStatusCode.NotFound, "Model with name a does not exist.");
        await HttpAssert.ErrorAsync(await c.GetAsync("v1/models/a"), HttpStatusCode.NotFound, "Model with name a does not exist.");
        await HttpAssert.ErrorAsync(await c.GetAsync("v2/models/a/ready"), HttpStatusCode.NotFound, "Model with name a does not exist.");
        Assert.Equal(JsonValueKind.Array, (await HttpAssert.JsonAsync(await c.GetAsync("v1/models"), HttpStatusCode.OK)).GetProperty("models").ValueKind);
        Assert.Empty((await HttpAssert.JsonAsync(await c.GetAsync("v1/models"), HttpStatusCode.OK)).GetProperty("models").EnumerateArray());

        var load = await HttpAssert.JsonAsync(await c.PostAsync("v2/repository/models/a/load", Json("{}")), HttpStatusCode.OK);
        Assert.True(load.GetProperty("load").GetBoolean());
        await HttpAssert.JsonAsync(await c.PostAsync("v1/models/a:predict", Json("{}")), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Load_PicksUpAnEditedDefinitionAndNewFolders()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a", "1")));
        await using var server = await StartAsync(models);
        models.Write("a", TempModels.EchoYaml("a", "2"));
        models.Write("late", TempModels.EchoYaml("late"));
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v2/repository/models/a/load", Json("")), HttpStatusCode.OK);
        var meta = await HttpAssert.JsonAsync(await server.Client.GetAsync("v2/models/a"), HttpStatusCode.OK);
        Assert.Equal("2", meta.GetProperty("versions")[0].GetString());
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v2/repository/models/late/load", Json("")), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v1/models/late:predict", Json("{}")), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Load_UnknownOrFailing()
    {
        using var models = TempModels.Create(("bad", TempModels.EchoYaml("bad", extra: "options:\n  fail_load: true\n")));
        await using var server = await StartAsync(models);
        // Issue 15: KServe's repository extension answers a failed load, an unknown name included, with ModelNotReady.
        await HttpAssert.ErrorAsync(await server.Client.PostAsync("v2/repository/models/nope/load", Json("")), HttpStatusCode.ServiceUnavailable, "Model with name nope is not ready.");
        await HttpAssert.ErrorAsync(await server.Client.PostAsync("v2/repository/models/bad/load", Json("")), HttpStatusCode.ServiceUnavailable, "Model with name bad is not ready. configured to fail loading");
        await HttpAssert.ErrorAsync(await server.Client.PostAsync("v2/repository/models/nope/unload", Json("")), HttpStatusCode.NotFound, "Model with name nope does not exist.");
    }
}
