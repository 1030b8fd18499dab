using System.Net;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>Fixed windows aligned to the unit, on a fake clock: the gateway's 429, its headers, and the reset.</summary>
public sealed class RateLimitTests
{
    private const string Notice =
        "You are making too many requests to the API.\n" +
        "Please follow the best practices at <https://www.mediawiki.org/wiki/Wikimedia_APIs/Rate_limits>.\n" +
        "If you are unsure how to get the access you need, contact <bot-traffic@wikimedia.org>.\n";

    private static Task<LiftWingTestServer> StartAsync(TempModels models, FakeTimeProvider time, Action<IDictionary<string, string?>> settings) =>
        GatewayServers.StartAsync(models, s =>
        {
            s["LiftWing:Gateway:RateLimits:ExemptLoopback"] = "false";
            settings(s);
        }, sc => sc.AddSingleton<TimeProvider>(time));

    private static HttpRequestMessage Predict(string? requestId = null, string? clientIp = null)
    {
        var m = GatewayTokens.Post("v1/models/a:predict");
        if (requestId is not null)
        {
            m.Headers.Add("x-request-id", requestId);
        }

        if (clientIp is not null)
        {
            m.Headers.Add("X-Client-IP", clientIp);
        }

        return m;
    }

    [Fact]
    public async Task OverTheLimit_Answers429AsTheGateway_AndTheWindowResets()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 15, 10, TimeSpan.Zero));
        await using var server = await StartAsync(models, time, s => s["LiftWing:Gateway:RateLimits:Classes:anon"] = "3/minute");
        var c = server.Client;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(Predict())).StatusCode);
        }

        var r = await c.SendAsync(Predict(requestId: "req-42"));
        Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
        Assert.Equal(Notice + "\nrequest-id: req-42", await r.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("50", GatewayTokens.Header(r, "Retry-After"));
        Assert.Equal("anon", GatewayTokens.Header(r, "x-wmf-ratelimit-class"));
        Assert.Equal("no-cache", r.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(r.Headers, h => h.Key.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase));

        // Other routes are outside the policy.
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("v1/models/a")).StatusCode);

        // Still the same window 49 s later; the next window (aligned to the minute) starts afresh.
        time.Advance(TimeSpan.FromSeconds(49));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await c.SendAsync(Predict())).StatusCode);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(Predict())).StatusCode);
    }

    [Fact]
    public async Task LimitZero_Answers401WithTheBearerRealm()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(models, time, s => s["LiftWing:Gateway:RateLimits:Classes:anon"] = "0/minute");
        var r = await server.Client.SendAsync(Predict());
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("Bearer realm=\"https://meta.wikimedia.org\"", r.Headers.WwwAuthenticate.ToString());
        Assert.Equal("Unauthorized", await r.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ClientIp_IsBelievedOnlyFromTrustedProxies()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

        // Untrusted: X-Client-IP is ignored, so two "clients" share the connection's counter.
        await using (var server = await StartAsync(models, time, s => s["LiftWing:Gateway:RateLimits:Classes:anon"] = "1/hour"))
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(Predict(clientIp: "198.51.100.1"))).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await server.Client.SendAsync(Predict(clientIp: "198.51.100.2"))).StatusCode);
        }

        // Trusted: each X-Client-IP has its own counter.
        await using (var server = await StartAsync(models, time, s =>
        {
            s["LiftWing:Gateway:RateLimits:Classes:anon"] = "1/hour";
            s["LiftWing:Gateway:TrustedProxies:0"] = "127.0.0.1";
        }))
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(Predict(clientIp: "198.51.100.1"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(Predict(clientIp: "198.51.100.2"))).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await server.Client.SendAsync(Predict(clientIp: "198.51.100.1"))).StatusCode);
        }
    }

    [Fact]
    public async Task Loopback_IsExemptByDefault()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await GatewayServers.StartAsync(models, s => s["LiftWing:Gateway:RateLimits:Classes:anon"] = "1/hour");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(Predict())).StatusCode);
        }
    }

    [Fact]
    public async Task BadLimits_FailAtStart_NamingTheKey()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => GatewayServers.StartAsync(models, s => s["LiftWing:Gateway:RateLimits:Classes:anon"] = "lots"));
        Assert.Contains("LiftWing:Gateway:RateLimits:Classes:anon", ex.Message, StringComparison.Ordinal);
    }
}
