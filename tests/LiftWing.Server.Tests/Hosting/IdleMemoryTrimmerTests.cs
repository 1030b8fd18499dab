using LiftWing.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Tests.Hosting;

public sealed class IdleMemoryTrimmerTests
{
    private static IdleMemoryTrimmer Create(StartupState startup, bool trimAfterLoad) =>
        new(Options.Create(new MemoryOptions { TrimAfterLoad = trimAfterLoad, IdleTrimInterval = TimeSpan.Zero }), startup, TimeProvider.System, NullLogger<IdleMemoryTrimmer>.Instance);

    [Fact]
    public async Task TrimsOnce_WhenStartupLoadingFinishes_NotBefore()
    {
        var startup = new StartupState();
        using var trimmer = Create(startup, trimAfterLoad: true);
        await trimmer.StartAsync(CancellationToken.None);
        Assert.False(trimmer.ExecuteTask!.IsCompleted); // waiting for the models
        Assert.Equal(0, trimmer.Trims);

        startup.MarkLoaded();
        await trimmer.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(1, trimmer.Trims);
    }

    [Fact]
    public async Task StopsWaiting_WhenTheHostStops()
    {
        using var trimmer = Create(new StartupState(), trimAfterLoad: true);
        await trimmer.StartAsync(CancellationToken.None);
        await trimmer.StopAsync(CancellationToken.None);
        Assert.True(trimmer.ExecuteTask!.IsCompleted);
        Assert.False(trimmer.ExecuteTask.IsFaulted); // ran to completion, or was cancelled before it started
        Assert.Equal(0, trimmer.Trims);
    }

    [Fact]
    public async Task DoesNothing_WhenBothTrimsAreOff()
    {
        var startup = new StartupState();
        startup.MarkLoaded();
        using var trimmer = Create(startup, trimAfterLoad: false);
        await trimmer.StartAsync(CancellationToken.None);
        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(0, trimmer.Trims);
    }
}
