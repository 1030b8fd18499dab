using System.Net;
using System.Net.Sockets;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Server;
using LiftWing.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Infrastructure;

/// <summary>
/// A real LiftWing server (Kestrel) on a free 127.0.0.1 port with every model server registered, as
/// <c>liftwing serve</c> builds it. Tests talk to it over real HTTP through <see cref="Client"/>.
/// </summary>
public sealed class LiftWingTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiftWingTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:43117/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The gRPC (h2c) address when the settings asked for one, e.g. http://127.0.0.1:43118.</summary>
    public Uri? GrpcAddress { get; private init; }

    /// <summary>A client whose base address is the server.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The model instance now serving <paramref name="name"/>, for tests that count what it did.</summary>
    public T Model<T>(string name)
        where T : IModel =>
        Services.GetRequiredService<ModelRepository>().TryGet(name, out var m) ? (T)m : throw new InvalidOperationException($"no model {name}");

    /// <summary>Starts a server and (by default) waits until its models have loaded.</summary>
    public static async Task<LiftWingTestServer> StartAsync(Action<LiftWingTestServerSettings>? configure = null)
    {
        var s = new LiftWingTestServerSettings();
        configure?.Invoke(s);
        // Port 0 would make Kestrel pick, but the address must be known before the host starts for UseUrls.
        var port = FreePort();
        var hostSettings = new LiftWingHostSettings
        {
            ConsoleLogging = Environment.GetEnvironmentVariable("LIFTWING_TEST_LOGS") == "1",
            ConfigureServices = services =>
            {
                services.AddLiftWingModels();
                s.ConfigureServices?.Invoke(services);
            },
        };
        hostSettings.Configuration["LiftWing:Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int? grpcPort = s.Grpc ? FreePort() : null;
        if (grpcPort is { } gp)
        {
            hostSettings.Configuration["LiftWing:Grpc:Port"] = gp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        hostSettings.Configuration["LiftWing:Models:Directory"] = s.ModelsDirectory;
        for (var i = 0; i < s.Only.Count; i++)
        {
            hostSettings.Configuration[$"LiftWing:Models:Only:{i}"] = s.Only[i];
        }

        foreach (var kv in s.Settings)
        {
            hostSettings.Configuration[kv.Key] = kv.Value;
        }

        var app = LiftWingHost.Build(hostSettings);
        await app.StartAsync().ConfigureAwait(false);
        var server = new LiftWingTestServer(app, new Uri($"http://127.0.0.1:{port}/"))
        {
            GrpcAddress = grpcPort is { } g ? new Uri($"http://127.0.0.1:{g}") : null,
        };
        if (s.WaitUntilLoaded)
        {
            var state = app.Services.GetRequiredService<StartupState>();
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!state.LoadingFinished && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        return server;
    }

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
