using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>Debian's python3-grpcio, with stubs generated from KServe's proto, calls every RPC (scripts/setup/grpc.sh installs it).</summary>
public sealed class GrpcPythonClientTests(GrpcServerFixture fixture) : IClassFixture<GrpcServerFixture>
{
    [Fact]
    public async Task EveryRpc_RawContentsBytesV1StyleAndEachErrorStatus()
    {
        var outDir = Directory.CreateTempSubdirectory("liftwing-grpc-py").FullName;
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Grpc", "kserve_grpc_client.py");
            var stdout = await ExternalProcess.RunAsync("/usr/bin/python3",
                [script, $"127.0.0.1:{fixture.GrpcAddress.Port}", TestPaths.SharedData("kserve"), outDir]);
            var r = JsonDocument.Parse(stdout).RootElement;
            GrpcClientAssertions.AssertAll(r);

            // Metadata as headers on the V1-style and the tensor path; FP16/BF16 raw contents.
            Assert.Equal("from-python", r.GetProperty("metadata_v1").GetProperty("headers").GetProperty("x-liftwing-probe").GetString());
            Assert.Equal("py-meta-1", r.GetProperty("metadata_v1").GetProperty("request_id").GetString());
            Assert.Equal("from-python", r.GetProperty("metadata_tensor").GetProperty("header").GetString());
            Assert.Equal("py-meta-1", r.GetProperty("metadata_tensor").GetProperty("request_id").GetString());
            Assert.Equal(["FP16", "003e"], r.GetProperty("half").GetProperty("h_out").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["BF16", "c03f4940"], r.GetProperty("half").GetProperty("b_out").EnumerateArray().Select(e => e.GetString()));
            var probabilities = r.GetProperty("infer_raw").GetProperty("values").EnumerateArray().Select(e => e.GetDouble());
            Assert.Equal(probabilities, r.GetProperty("bf16_widened").EnumerateArray().Select(e => e.GetDouble()));
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
