using LiftWing.FunctionalTests.Infrastructure;

namespace LiftWing.FunctionalTests.LogoDetection;

/// <summary>One real server with only logo-detection, loaded from the repository's models folder.</summary>
public sealed class LogoServerFixture : IAsyncLifetime
{
    public LiftWingTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LiftWingTestServer.StartAsync(s => s.Only.Add("logo-detection"));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
