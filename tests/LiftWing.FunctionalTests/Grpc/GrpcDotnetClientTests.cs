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

    [Theory]
    [InlineData("ModelInfer", "inference.ModelInferRequest")]
    [InlineData("ModelMetadata", "inference.ModelMetadataRequest")]
    [InlineData("ServerLive", "inference.ServerLiveRequest")]
    [InlineData("RepositoryModelLoad", "inference.RepositoryModelLoadRequest")]
    public async Task MessageThatIsNotProtobuf_IsInvalidArgumentNamingTheType(string rpc, string messageName)
    {
        // Field 1, length-delimited, says 5 bytes but 1 follows: no message type parses it.
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", rpc, raw, raw);
        var call = _channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, [0x0A, 0x05, 0x41]);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith($"The request is not a valid {messageName} message: ", ex.Status.Detail, StringComparison.Ordinal);
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

    [Fact]
    public async Task Fp16AndBf16Raw_PassThroughTheFloat16Graph()
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        byte[] h = [.. new[] { (Half)1.5f, (Half)(-65504f) }.SelectMany(v => BitConverter.GetBytes(v))];
        byte[] b = [0xC0, 0x3F, 0x49, 0x40];
        var request = new ModelInferRequest { ModelName = "half-identity" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "h", Datatype = "FP16", Shape = { 2 } });
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "b", Datatype = "BF16", Shape = { 2 } });
        request.RawInputContents.Add(ByteString.CopyFrom(h));
        request.RawInputContents.Add(ByteString.CopyFrom(b));
        var response = await client.ModelInferAsync(request);
        var byName = response.Outputs.Select((o, i) => (o, raw: response.RawOutputContents[i].ToByteArray())).ToDictionary(x => x.o.Name);
        Assert.Equal("FP16", byName["h_out"].o.Datatype);
        Assert.Equal(h, byName["h_out"].raw);
        Assert.Equal("BF16", byName["b_out"].o.Datatype);
        Assert.Equal(b, byName["b_out"].raw);
    }

    [Fact]
    public async Task Bf16Raw_IsWidenedForAnFp32Model_SameAnswerAsFp32()
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        float[] features = [0.5f, -1f, 2f, 0.25f, 1f, 1f, -0.5f, 3f];
        async Task<float[]> InferAsync(string datatype, byte[] raw)
        {
            var request = new ModelInferRequest { ModelName = "example-linear" };
            request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = datatype, Shape = { 2, 4 } });
            request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "probabilities" });
            request.RawInputContents.Add(ByteString.CopyFrom(raw));
            var bytes = (await client.ModelInferAsync(request)).RawOutputContents[0].ToByteArray();
            return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray();
        }

        var fp32 = await InferAsync("FP32", [.. features.SelectMany(BitConverter.GetBytes)]);
        var bf16 = await InferAsync("BF16", [.. features.SelectMany(f => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(f) >> 16)))]);
        var fp16 = await InferAsync("FP16", [.. features.SelectMany(f => BitConverter.GetBytes((Half)f))]);
        Assert.Equal(6, fp32.Length);
        Assert.Equal(fp32, bf16);
        Assert.Equal(fp32, fp16);
    }

    [Theory]
    [InlineData("BF16")]
    [InlineData("FP16")]
    public async Task HalfPrecisionInContents_IsInvalidArgument(string datatype)
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        var request = new ModelInferRequest { ModelName = "half-identity" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "b", Datatype = datatype, Shape = { 1 }, Contents = new InferTensorContents { Fp32Contents = { 1.5f } } });
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal($"Input 'b': {datatype} can only be sent in raw_input_contents.", ex.Status.Detail);
    }

    [Fact]
    public async Task RequestMetadata_ReachesTheModelAsHeaders_OnBothPaths()
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        var metadata = new Metadata { { "x-request-id", "dotnet-meta-1" }, { "x-liftwing-probe", "from-dotnet" } };

        // A V1-style model through one BYTES input: the echo model reports the headers and request id it was given.
        var v1 = new ModelInferRequest { ModelName = "echo" };
        v1.Inputs.Add(new ModelInferRequest.Types.InferInputTensor
        {
            Name = "input", Datatype = "BYTES", Shape = { 1 },
            Contents = new InferTensorContents { BytesContents = { ByteString.CopyFromUtf8("""{"echo_headers":["x-liftwing-probe","x-absent"]}""") } },
        });
        var v1Response = await client.ModelInferAsync(v1, metadata);
        var echoed = System.Text.Json.JsonDocument.Parse(v1Response.Outputs[0].Contents.BytesContents[0].ToStringUtf8()).RootElement;
        Assert.Equal("from-dotnet", echoed.GetProperty("headers").GetProperty("x-liftwing-probe").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, echoed.GetProperty("headers").GetProperty("x-absent").ValueKind);
        Assert.Equal("dotnet-meta-1", echoed.GetProperty("request_id").GetString());

        // A tensor model: spec-vector returns the header named by the request parameter echo_header as a response parameter.
        var tensor = new ModelInferRequest { ModelName = "spec-vector" };
        tensor.Parameters["echo_header"] = new InferParameter { StringParam = "x-liftwing-probe" };
        tensor.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input0", Datatype = "UINT32", Shape = { 2, 2 }, Contents = new InferTensorContents { UintContents = { 1, 2, 3, 4 } } });
        tensor.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "input1", Datatype = "BOOL", Shape = { 3 }, Contents = new InferTensorContents { BoolContents = { true, false, true } } });
        var tensorResponse = await client.ModelInferAsync(tensor, metadata);
        Assert.Equal("from-dotnet", tensorResponse.Parameters["header"].StringParam);
        Assert.Equal("dotnet-meta-1", tensorResponse.Parameters["request_id"].StringParam);
    }
}
