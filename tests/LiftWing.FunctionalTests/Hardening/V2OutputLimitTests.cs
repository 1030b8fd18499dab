using System.Net;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Inference;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Hardening;

/// <summary>
/// A V2 response over <c>LiftWing:Limits:MaxV2OutputElements</c> / <c>MaxV2OutputBytes</c> is a 400 (REST) or
/// INVALID_ARGUMENT (gRPC) naming the key; below the limit the same model answers. MiniLM gives 384 floats per text.
/// </summary>
public sealed class V2OutputLimitTests
{
    private static Task<LiftWingTestServer> StartAsync(string key, string value) => LiftWingTestServer.StartAsync(s =>
    {
        s.ModelsDirectory = TestPaths.Models;
        s.Only.Add("all-MiniLM-L6-v2");
        s.Grpc = true;
        s.Settings["LiftWing:Limits:" + key] = value;
    });

    private static StringContent V2Texts(int n) => new(
        "{\"inputs\":[{\"name\":\"text\",\"shape\":[" + n + "],\"datatype\":\"BYTES\",\"data\":[" + string.Join(",", Enumerable.Repeat("\"a short sentence\"", n)) + "]}]}",
        Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("MaxV2OutputElements", "500")]
    [InlineData("MaxV2OutputBytes", "2000")]
    public async Task Rest_OverTheOutputLimit_Is400NamingIt(string key, string value)
    {
        await using var server = await StartAsync(key, value);
        using var one = await server.Client.PostAsync("v2/models/all-MiniLM-L6-v2/infer", V2Texts(1));
        Assert.True(one.StatusCode == HttpStatusCode.OK, await one.Content.ReadAsStringAsync());
        using var two = await server.Client.PostAsync("v2/models/all-MiniLM-L6-v2/infer", V2Texts(2));
        Assert.Contains("LiftWing:Limits:" + key, await HttpAssert.ErrorMessageAsync(two, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_OverTheOutputLimit_IsInvalidArgumentNamingIt()
    {
        await using var server = await StartAsync("MaxV2OutputElements", "500");
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress!);
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        ModelInferRequest Request(int n)
        {
            var r = new ModelInferRequest { ModelName = "all-MiniLM-L6-v2" };
            var input = new ModelInferRequest.Types.InferInputTensor { Name = "text", Datatype = "BYTES", Shape = { n }, Contents = new InferTensorContents() };
            for (var i = 0; i < n; i++)
            {
                input.Contents.BytesContents.Add(Google.Protobuf.ByteString.CopyFromUtf8("a short sentence"));
            }

            r.Inputs.Add(input);
            return r;
        }

        var ok = await client.ModelInferAsync(Request(1));
        Assert.Equal(384, ok.Outputs[0].Shape.Aggregate(1L, (a, b) => a * b));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(Request(2)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("LiftWing:Limits:MaxV2OutputElements", ex.Status.Detail, StringComparison.Ordinal);
    }
}
