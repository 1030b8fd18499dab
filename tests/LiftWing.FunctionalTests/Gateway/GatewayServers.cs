using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Gateway;

/// <summary>Echo-model servers with gateway settings, for the gateway tests.</summary>
internal static class GatewayServers
{
    public const string AdminKey = "admin-key-0123456789abcdef";

    public static Task<LiftWingTestServer> StartAsync(TempModels models, Action<IDictionary<string, string?>> settings, Action<IServiceCollection>? services = null) =>
        LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            settings(s.Settings);
            s.ConfigureServices = sc =>
            {
                sc.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
                services?.Invoke(sc);
            };
        });
}
