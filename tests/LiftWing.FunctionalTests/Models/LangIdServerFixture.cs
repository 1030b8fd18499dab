using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Models;

/// <summary>A real server with the repository's langid model (lid.176.ftz pulled into the artifact cache first).</summary>
public sealed class LangIdServerFixture : IAsyncLifetime
{
    private LiftWingTestServer? _server;

    public HttpClient Client => _server!.Client;

    public async Task InitializeAsync()
    {
        await LangIdArtifacts.ModelPathAsync();
        _server = await LiftWingTestServer.StartAsync(s => s.Only.Add("langid"));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
