using System.Net;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>What the gateway does to every reply: CORS, no cookies, no caching of errors.</summary>
public sealed class EdgeBehaviourTests
{
    /// <summary>Sets a cookie on every response from outside the LiftWing pipeline, as a careless component might.</summary>
    private sealed class CookieSetter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, n) =>
            {
                ctx.Response.Headers["Set-Cookie"] = "session=leak; Path=/";
                return n(ctx);
            });
            next(app);
        };
    }

    [Fact]
    public async Task Replies_CarryCors_NeverSetCookies_AndErrorsAreNotCached()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await GatewayServers.StartAsync(models, _ => { }, sc => sc.AddSingleton<IStartupFilter, CookieSetter>());
        var c = server.Client;

        var ok = new HttpRequestMessage(HttpMethod.Post, "v1/models/a:predict") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        ok.Headers.Add("Origin", "https://en.wikipedia.org");
        ok.Headers.Add("Cookie", "sessionJwt=x");
        var r = await c.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("https://en.wikipedia.org", GatewayTokens.Header(r, "Access-Control-Allow-Origin"));
        Assert.Equal("true", GatewayTokens.Header(r, "Access-Control-Allow-Credentials"));
        Assert.Equal("Retry-After,WWW-Authenticate", GatewayTokens.Header(r, "Access-Control-Expose-Headers"));
        Assert.False(r.Headers.Contains("Set-Cookie"));
        Assert.Null(r.Headers.CacheControl);

        var missing = await c.PostAsync("v1/models/nope:predict", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.ErrorAsync(missing, HttpStatusCode.NotFound, "Model with name nope does not exist.");
        Assert.Equal("no-cache", missing.Headers.CacheControl?.ToString());
        Assert.False(missing.Headers.Contains("Set-Cookie"));

        // No Origin (or "null"): no CORS headers.
        var nullOrigin = new HttpRequestMessage(HttpMethod.Get, "v1/models/a");
        nullOrigin.Headers.Add("Origin", "null");
        Assert.Equal("", GatewayTokens.Header(await c.SendAsync(nullOrigin), "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_IsAnsweredWithoutAuthOrLimits()
    {
        using var models = TempModels.Create(("a", TempModels.EchoYaml("a")));
        await using var server = await GatewayServers.StartAsync(models, s =>
        {
            GatewayTokens.Configure(s);
            s["LiftWing:Gateway:RateLimits:ExemptLoopback"] = "false";
            s["LiftWing:Gateway:RateLimits:Classes:anon"] = "0/hour";
        });
        var pre = new HttpRequestMessage(HttpMethod.Options, "v1/models/a:predict");
        pre.Headers.Add("Origin", "https://example.org");
        pre.Headers.Add("Access-Control-Request-Method", "POST");
        pre.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        pre.Headers.Authorization = new("Bearer", "garbage");
        var r = await server.Client.SendAsync(pre);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("https://example.org", GatewayTokens.Header(r, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", GatewayTokens.Header(r, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal("content-type,authorization", GatewayTokens.Header(r, "Access-Control-Allow-Headers"));
    }
}
