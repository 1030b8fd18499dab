using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>Bearer JWTs as the gateway validates them: anonymous allowed, a bad token is 401, claims pick the class.</summary>
public sealed class JwtAuthenticationTests
{
    private static Task<LiftWingTestServer> StartAsync(TempModels models) => GatewayServers.StartAsync(models, s =>
    {
        GatewayTokens.Configure(s);
        s["LiftWing:Gateway:RateLimits:ExemptLoopback"] = "false";
        s["LiftWing:Gateway:RateLimits:Classes:anon"] = "1/hour";
        s["LiftWing:Gateway:RateLimits:Classes:authed-user"] = "2/hour";
        s["LiftWing:Gateway:RateLimits:Classes:established-user"] = "3/hour";
    });

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage r, string reason)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, $"got {(int)r.StatusCode}: {text}");
        Assert.StartsWith("Bearer", r.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(401, doc.RootElement.GetProperty("httpCode").GetInt32());
        Assert.Equal(reason, doc.RootElement.GetProperty("httpReason").GetString());
    }

    [Fact]
    public async Task ValidToken_IsAccepted_AndItsClassApplied()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await StartAsync(models);
        var c = server.Client;

        // sub without rlc: authed-user, 2 per hour, counted per sub.
        var user = GatewayTokens.Create(sub: "1001");
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", user))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", user))).StatusCode);
        var third = await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", user));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("authed-user", GatewayTokens.Header(third, "x-wmf-ratelimit-class"));

        // rlc names the class: established-user, 3 per hour, its own counter.
        var established = GatewayTokens.Create(sub: "1002", rlc: "established-user");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", established))).StatusCode);
        }

        var fourth = await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", established));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("established-user", GatewayTokens.Header(fourth, "x-wmf-ratelimit-class"));

        // Anonymous is allowed, in its own class.
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(GatewayTokens.Post("v1/models/a:predict"))).StatusCode);
        Assert.Equal("anon", GatewayTokens.Header(await c.SendAsync(GatewayTokens.Post("v1/models/a:predict")), "x-wmf-ratelimit-class"));
    }

    [Fact]
    public async Task ExpiredOrWronglySignedOrForeignTokens_Answer401()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await StartAsync(models);
        var c = server.Client;
        await AssertUnauthorizedAsync(await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", GatewayTokens.Create(expires: DateTime.UtcNow.AddHours(-1)))), "Jwt is expired");
        await AssertUnauthorizedAsync(await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", GatewayTokens.Create(key: GatewayTokens.OtherKey))), "Jwt verification fails");
        await AssertUnauthorizedAsync(await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", GatewayTokens.Create(issuer: "https://evil.example"))), "Jwt verification fails");
        await AssertUnauthorizedAsync(await c.SendAsync(GatewayTokens.Post("v1/models/a:predict", "not.a.jwt")), "Jwt verification fails");
        // Any route: the gateway checks a presented token before routing.
        await AssertUnauthorizedAsync(await c.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/models/a") { Headers = { Authorization = new("Bearer", "garbage") } }), "Jwt verification fails");
        // The refused requests did not count: the anonymous budget (1) is untouched.
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(GatewayTokens.Post("v1/models/a:predict"))).StatusCode);
    }
}
