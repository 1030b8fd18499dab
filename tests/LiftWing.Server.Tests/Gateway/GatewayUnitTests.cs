using System.Net;
using System.Security.Claims;
using LiftWing.Server.Gateway;

namespace LiftWing.Server.Tests.Gateway;

public sealed class GatewayUnitTests
{
    [Theory]
    [InlineData("50000/hour", 50000, 3600)]
    [InlineData("5/minute", 5, 60)]
    [InlineData("5 / Minutes", 5, 60)]
    [InlineData("0/second", 0, 1)]
    [InlineData("7/day", 7, 86400)]
    public void RateLimitRule_Parses(string text, long limit, long unit)
    {
        var r = RateLimitRule.Parse(text);
        Assert.Equal((limit, unit), (r.Limit, r.UnitSeconds));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1/hour")]
    [InlineData("5/fortnight")]
    [InlineData("/hour")]
    [InlineData("5")]
    public void RateLimitRule_RefusesOtherForms(string text) => Assert.Throws<FormatException>(() => RateLimitRule.Parse(text));

    [Fact]
    public void Policy_DefaultsToLiftWing_AndOverridesApply()
    {
        var p = new RateLimitPolicy("LiftWing", [KeyValuePair.Create("anon", "5/minute"), KeyValuePair.Create("bots", "9/day")]);
        Assert.Equal(new RateLimitRule(5, 60, "minute"), p.For("anon"));
        Assert.Equal(100_000, p.For("authed-user").Limit);
        Assert.Equal(3600, p.For("authed-user").UnitSeconds);
        Assert.Equal(200_000, p.For("established-user").Limit);
        Assert.Equal(9, p.For("bots").Limit);
        Assert.Equal(50_000, p.For("some-unknown-class").Limit);
    }

    [Fact]
    public void Identify_ReadsClaimsAsTheGateway()
    {
        var ip = IPAddress.Parse("198.51.100.9");
        var anon = GatewayMiddleware.Identify(null, ip, false, false);
        Assert.Equal(("anon", "x-client-ip:198.51.100.9"), (anon.Class, anon.UserKey));

        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "42"), new Claim("aud", "client-1")], "jwt"));
        var authed = GatewayMiddleware.Identify(user, ip, false, false);
        Assert.Equal(("authed-user", "jwt-sub:42", "client-1"), (authed.Class, authed.UserKey, authed.ClientId));

        var withClass = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "42"), new Claim("rlc", "approved-bot")], "jwt"));
        Assert.Equal("approved-bot", GatewayMiddleware.Identify(withClass, ip, false, false).Class);
    }

    [Theory]
    [InlineData("/srv/models/m/model.yaml: artifact 'w': bad", "…/model.yaml: artifact 'w': bad")]
    [InlineData("artifact 'w': file /home/u/.cache/liftwing/x.bin does not exist.", "artifact 'w': file …/x.bin does not exist.")]
    [InlineData("no paths here", "no paths here")]
    [InlineData("ratio 3/4 stays", "ratio 3/4 stays")]
    public void PathRedactor_HidesAbsolutePaths(string message, string expected) => Assert.Equal(expected, PathRedactor.Redact(message));

    [Fact]
    public void InProcessCounters_CountPerKeyAndWindow()
    {
        var store = new InProcessCounterStore(TimeProvider.System);
        var end = DateTimeOffset.UtcNow.AddMinutes(1);
        Assert.Equal(1, store.Increment("a:1", end));
        Assert.Equal(2, store.Increment("a:1", end));
        Assert.Equal(1, store.Increment("b:1", end));
        Assert.Equal(1, store.Increment("a:2", end));
    }

    [Fact]
    public void ClientAddress_ParsesAddressesAndRanges()
    {
        Assert.True(ClientAddressResolver.ParseNetwork("10.0.0.0/8").Contains(IPAddress.Parse("10.1.2.3")));
        Assert.True(ClientAddressResolver.ParseNetwork("192.0.2.1").Contains(IPAddress.Parse("192.0.2.1")));
        Assert.False(ClientAddressResolver.ParseNetwork("192.0.2.1").Contains(IPAddress.Parse("192.0.2.2")));
        Assert.Throws<FormatException>(() => ClientAddressResolver.ParseNetwork("proxy.example"));
    }
}
