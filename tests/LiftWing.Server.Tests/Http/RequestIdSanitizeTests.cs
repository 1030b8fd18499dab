using LiftWing.Server.Http;

namespace LiftWing.Server.Tests.Http;

public sealed class RequestIdSanitizeTests
{
    [Theory]
    [InlineData("abc-123_XYZ.:/", "abc-123_XYZ.:/")]
    [InlineData("café", "")]
    [InlineData("a b", "")]
    [InlineData("a\tb", "")]
    [InlineData("a\r\nX-Injected: 1", "")]
    [InlineData("", "")]
    public void Sanitize_KeepsOnlyVisibleAscii(string id, string expected) => Assert.Equal(expected, RequestIdMiddleware.Sanitize(id));

    [Fact]
    public void Sanitize_DropsOverlongIds()
    {
        Assert.Equal(new string('a', 200), RequestIdMiddleware.Sanitize(new string('a', 200)));
        Assert.Equal("", RequestIdMiddleware.Sanitize(new string('a', 201)));
    }
}
