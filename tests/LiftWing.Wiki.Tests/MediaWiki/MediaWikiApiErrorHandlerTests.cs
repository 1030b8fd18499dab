using System.Text;
using LiftWing.Wiki.MediaWiki;

namespace LiftWing.Wiki.Tests.MediaWiki;

/// <summary>How the Action API client's pipeline finds the error code of a 200 answer without the MediaWiki-API-Error header.</summary>
public sealed class MediaWikiApiErrorHandlerTests
{
    [Theory]
    [InlineData("""{"error":{"code":"maxlag","info":"Waiting for db1: 6 seconds lagged.","lag":6},"servedby":"mw1"}""", "maxlag")]
    [InlineData("""{"servedby":"mw1","error":{"info":"slow down","code":"ratelimited"}}""", "ratelimited")]
    [InlineData("""{"batchcomplete":true,"query":{"pages":[{"pageid":1,"error":{"code":"maxlag"}}]}}""", null)]
    [InlineData("""{"error":"maxlag"}""", null)]
    [InlineData("""<html>proxy error</html>""", null)]
    [InlineData("""[]""", null)]
    [InlineData("", null)]
    public void ErrorCode_ReadsTopLevelErrorCodeOnly(string body, string? expected)
    {
        Assert.Equal(expected, MediaWikiApiErrorHandler.ErrorCode(Encoding.UTF8.GetBytes(body), isWhole: true));
    }

    [Fact]
    public void ErrorCode_TruncatedPrefix_IsNotAnError()
    {
        var prefix = Encoding.UTF8.GetBytes("""{"batchcomplete":true,"query":{"pages":[{"title":"a very long""");

        Assert.Null(MediaWikiApiErrorHandler.ErrorCode(prefix, isWhole: false));
    }
}
