using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Inference;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>Grpc.Net.Client over h2c: reflection, message limits, request metadata.</summary>
public sealed class GrpcDotnetClientTests(GrpcServerFixture fixture) : IClassFixture<GrpcServerFixture>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.GrpcAddress);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Reflection_ListsTheInferenceService()
    {
        var client = new ServerReflection.ServerReflectionClient(_channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("inference.GRPCInferenceService", names);
    }

    [Fact]
    public async Task MessageOverTheConfiguredLimit_IsResourceExhausted()
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        var request = new ModelInferRequest { ModelName = "example-linear" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32", Shape = { 65536, 4 } });
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[65536 * 16]));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ShapeOverTheElementLimit_IsInvalidArgumentNamingTheInput()
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        var request = new ModelInferRequest { ModelName = "example-linear" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32", Shape = { 2000, 2000 } });
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[16]));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("Input 'input'", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 1048576", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecVector_RawInRawOut()
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        var request = new ModelInferRequest { ModelName = "spec-vector", Id = "n1" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input0", Datatype = "UINT32", Shape = { 2, 2 } });
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input1", Datatype = "BOOL", Shape = { 3 } });
        request.RawInputContents.Add(ByteString.CopyFrom([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]));
        request.RawInputContents.Add(ByteString.CopyFrom([1, 1, 0]));
        var response = await client.ModelInferAsync(request, new Metadata { { "x-request-id", "dotnet-1" } });
        Assert.Equal("n1", response.Id);
        var raw = response.RawOutputContents[0].ToByteArray();
        Assert.Equal(24, raw.Length);
        var values = Enumerable.Range(0, 6).Select(i => BitConverter.ToSingle(raw, 4 * i)).ToArray();
        Assert.Equal([1.0f, 1.1f, 2.0f, 2.1f, 0f, 0f], values);
    }
}
