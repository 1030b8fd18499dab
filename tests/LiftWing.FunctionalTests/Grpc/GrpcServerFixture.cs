using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Runtimes.Onnx;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>
/// A server with REST and gRPC ports and: <c>echo</c> (V1), <c>broken</c>, <c>example-linear</c> (ONNX),
/// <c>spec-vector</c> (the binary tensor extension's example signature) and <c>half-identity</c> (a generated ONNX
/// graph passing float16 <c>h</c> and bfloat16 <c>b</c> through to <c>h_out</c> and <c>b_out</c>).
/// </summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    private TempModels? _models;

    public LiftWingTestServer Server { get; private set; } = null!;

    public Uri GrpcAddress => Server.GrpcAddress!;

    public async Task InitializeAsync()
    {
        _models = EchoServerFixture.CreateModels(
            ("spec-vector", $"name: spec-vector\nserver: {SpecVectorModel.ServerType}\nversion: \"1\"\n"),
            ("half-identity", "name: half-identity\nserver: onnx\nversion: \"1\"\nartifacts:\n  - name: model\n    uri: file:model.onnx\noptions:\n  intra_op_threads: 1\n"));
        await File.WriteAllBytesAsync(Path.Combine(_models.Directory, "half-identity", "model.onnx"), HalfIdentityGraph());
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

    private static byte[] HalfIdentityGraph() => new OnnxGraphBuilder("half-identity")
        .Node("Identity", ["h"], ["h_out"])
        .Node("Identity", ["b"], ["b_out"])
        .Input("h", OnnxGraphBuilder.ElementFloat16, (long?)null)
        .Input("b", OnnxGraphBuilder.ElementBFloat16, (long?)null)
        .Output("h_out", OnnxGraphBuilder.ElementFloat16, (long?)null)
        .Output("b_out", OnnxGraphBuilder.ElementBFloat16, (long?)null)
        .Build();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _models?.Dispose();
    }
}
