using LiftWing.Server.Http;

namespace LiftWing.Server.Tests.Http;

public sealed class RequestIdGenerationTests
{
    [Fact]
    public void NewId_IsAVersion4UuidInLowerCaseHex()
    {
        var id = RequestIdMiddleware.NewId();
        Assert.Matches("^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$", id);
        var uuid = Guid.ParseExact(id, "N");
        Assert.Equal(4, uuid.Version);
    }

    [Fact]
    public void NewId_DoesNotRepeat()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(ids.Add(RequestIdMiddleware.NewId()));
        }
    }
}
