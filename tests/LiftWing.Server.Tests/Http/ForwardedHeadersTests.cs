using LiftWing.Server.Http;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Tests.Http;

public sealed class ForwardedHeadersTests
{
    [Fact]
    public void Snapshot_KeepsOnlyTheForwardedHeaders_CaseInsensitive_AndOutlivesTheRequest()
    {
        var http = new HeaderDictionary
        {
            ["Cache-Control"] = "no-cache",
            ["Content-Type"] = "application/json",
            ["Authorization"] = "Bearer secret",
            ["X-Client-IP"] = "",
        };
        var headers = new ForwardedHeaders(http);
        http.Clear();

        Assert.Equal(3, headers.Count);
        Assert.Equal("no-cache", headers["CACHE-CONTROL"]);
        Assert.True(headers.TryGetValue("content-type", out var type));
        Assert.Equal("application/json", type);
        Assert.Equal("", headers["x-client-ip"]); // sent empty: present, as the dictionary it replaces kept it
        Assert.False(headers.ContainsKey("user-agent"));
        Assert.False(headers.ContainsKey("authorization"));
        Assert.Throws<KeyNotFoundException>(() => headers["user-agent"]);
        Assert.Equal(["cache-control", "content-type", "x-client-ip"], headers.Keys);
        Assert.Equal(["no-cache", "application/json", ""], headers.Values);
    }
}
