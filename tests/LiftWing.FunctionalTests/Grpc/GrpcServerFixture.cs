using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>
/// A server with REST and gRPC ports and: <c>echo</c> (V1), <c>broken</c>, <c>example-linear</c> (ONNX) and
/// <c>spec-vector</c> (the binary tensor extension's example signature).
/// </summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    private TempModels? _models;

    public LiftWingTestServer Server { get; private set; } = null!;

    public Uri GrpcAddress => Server.GrpcAddress!;

    public async Task InitializeAsync()
    {
        _models = EchoServerFixture.CreateModels(("spec-vector", $"name: spec-vector\nserver: {SpecVectorModel.ServerType}\nversion: \"1\"\n"));
        Server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models.Directory;
            s.Grpc = true;
            s.Settings["LiftWing:Grpc:MaxReceiveMessageBytes"] = "1048576";
            s.ConfigureServices = services =>
            {
                services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
                services.AddModelServer(SpecVectorModel.ServerType, static (c, _) => new SpecVectorModel(c));
            };
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _models?.Dispose();
    }
}
