using LiftWing.Server.Hosting;

namespace LiftWing.Server.Tests.Hosting;

public sealed class GlibcMallocTests
{
    [Fact]
    public void OnLinux_BothCallsSucceed()
    {
        // The project builds for linux-x64 (glibc). 128 KiB is glibc's own starting threshold, so fixing it here changes nothing for the other tests.
        Assert.True(GlibcMalloc.TrySetMmapThreshold(128 * 1024));
        Assert.True(GlibcMalloc.TryTrim());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonPositiveThreshold_IsRefused(int bytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GlibcMalloc.TrySetMmapThreshold(bytes));
    }
}
