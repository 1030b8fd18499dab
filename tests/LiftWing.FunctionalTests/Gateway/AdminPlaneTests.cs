using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>The admin plane: repository load/unload/index and /metrics need an admin credential.</summary>
public sealed class AdminPlaneTests
{
    private static StringContent Json(string json = "{}") => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Admin(HttpMethod method, string path, string? bearer)
    {
        var m = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            m.Content = Json();
        }

        if (bearer is not null)
        {
            m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return m;
    }

    private static async Task AssertGatewayErrorAsync(HttpResponseMessage r, HttpStatusCode status, string reason)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status}, got {(int)r.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal((int)status, doc.RootElement.GetProperty("httpCode").GetInt32());
        Assert.Equal(reason, doc.RootElement.GetProperty("httpReason").GetString());
        Assert.Equal("no-cache", r.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task WithAKey_AdminRoutesRefuseWithoutIt_AndWorkWithIt()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await GatewayServers.StartAsync(models, s => s["LiftWing:Admin:Keys:0"] = GatewayServers.AdminKey);
        var c = server.Client;

        foreach (var (method, path) in new[] { (HttpMethod.Post, "v2/repository/index"), (HttpMethod.Post, "v2/repository/models/a/unload"), (HttpMethod.Post, "v2/repository/models/a/load"), (HttpMethod.Get, "metrics") })
        {
            var none = await c.SendAsync(Admin(method, path, null));
            await AssertGatewayErrorAsync(none, HttpStatusCode.Unauthorized, "An admin key or a token with the liftwing:admin scope is required");
            Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            await AssertGatewayErrorAsync(await c.SendAsync(Admin(method, path, "wrong-key-0123456789abcdef")), HttpStatusCode.Unauthorized, "An admin key or a token with the liftwing:admin scope is required");
        }

        // Nothing was unloaded by the refused calls.
        await HttpAssert.JsonAsync(await c.PostAsync("v1/models/a:predict", Json()), HttpStatusCode.OK);

        var index = await HttpAssert.JsonAsync(await c.SendAsync(Admin(HttpMethod.Post, "v2/repository/index", GatewayServers.AdminKey)), HttpStatusCode.OK);
        Assert.Equal("a", index[0].GetProperty("name").GetString());
        var unload = await HttpAssert.JsonAsync(await c.SendAsync(Admin(HttpMethod.Post, "v2/repository/models/a/unload", GatewayServers.AdminKey)), HttpStatusCode.OK);
        Assert.True(unload.GetProperty("unload").GetBoolean());
        // Unloaded models are gone, as in KServe (issue 15).
        await HttpAssert.ErrorAsync(await c.PostAsync("v1/models/a:predict", Json()), HttpStatusCode.NotFound, "Model with name a does not exist.");
        await HttpAssert.JsonAsync(await c.SendAsync(Admin(HttpMethod.Post, "v2/repository/models/a/load", GatewayServers.AdminKey)), HttpStatusCode.OK);
        var metrics = await c.SendAsync(Admin(HttpMethod.Get, "metrics", GatewayServers.AdminKey));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyFile_And_JwtAdminScope_AreAdminCredentials()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        var keyFile = Path.Combine(models.Directory, "admin-keys");
        await File.WriteAllTextAsync(keyFile, "# admin keys\n\nfile-key-0123456789abcdef\n");
        await using var server = await GatewayServers.StartAsync(models, s =>
        {
            s["LiftWing:Admin:KeyFile"] = keyFile;
            GatewayTokens.Configure(s);
        });
        var c = server.Client;
        await HttpAssert.JsonAsync(await c.SendAsync(Admin(HttpMethod.Post, "v2/repository/index", "file-key-0123456789abcdef")), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await c.SendAsync(Admin(HttpMethod.Post, "v2/repository/index", GatewayTokens.Create(scope: "basic liftwing:admin"))), HttpStatusCode.OK);
        await AssertGatewayErrorAsync(await c.SendAsync(Admin(HttpMethod.Post, "v2/repository/index", GatewayTokens.Create(scope: "basic"))), HttpStatusCode.Forbidden, "The token lacks the liftwing:admin scope");
    }

    [Fact]
    public async Task WithoutAKey_OnlyLoopbackIsAdmin()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        // 127.0.0.1 is a trusted proxy here, so X-Client-IP makes the request come from a remote client.
        await using var server = await GatewayServers.StartAsync(models, s => s["LiftWing:Gateway:TrustedProxies:0"] = "127.0.0.0/8");
        var c = server.Client;
        await HttpAssert.JsonAsync(await c.PostAsync("v2/repository/index", Json()), HttpStatusCode.OK);
        var remote = Admin(HttpMethod.Post, "v2/repository/models/a/unload", null);
        remote.Headers.Add("X-Client-IP", "203.0.113.7");
        await AssertGatewayErrorAsync(await c.SendAsync(remote), HttpStatusCode.Forbidden, "Admin endpoints answer only loopback clients until an admin key is configured");
        await HttpAssert.JsonAsync(await c.PostAsync("v1/models/a:predict", Json()), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminPort_ServesAdminRoutes_ThePublicPortDoesNot()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        var adminPort = LiftWingTestServer.FreePort();
        await using var server = await GatewayServers.StartAsync(models, s => s["LiftWing:Admin:Port"] = adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertGatewayErrorAsync(await server.Client.PostAsync("v2/repository/index", Json()), HttpStatusCode.NotFound, "Not Found");
        await AssertGatewayErrorAsync(await server.Client.GetAsync("metrics"), HttpStatusCode.NotFound, "Not Found");
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/") };
        await HttpAssert.JsonAsync(await admin.PostAsync("v2/repository/index", Json()), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("metrics")).StatusCode);
        await HttpAssert.JsonAsync(await server.Client.PostAsync("v1/models/a:predict", Json()), HttpStatusCode.OK);
    }

    [Fact]
    public async Task PublicMetadata_ShowsNoAbsolutePaths()
    {
        using var models = TempModels.Create(("evil", "name: evil\nserver: echo\nartifacts:\n  - name: weights\n    uri: file:../../etc/passwd\n"));
        await using var server = await GatewayServers.StartAsync(models, _ => { });
        var meta = await HttpAssert.JsonAsync(await server.Client.GetAsync("v2/models/evil"), HttpStatusCode.OK);
        var reason = meta.GetProperty("reason").GetString()!;
        Assert.Contains("'..' segments", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(models.Directory, reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), reason, StringComparison.Ordinal);
    }
}
