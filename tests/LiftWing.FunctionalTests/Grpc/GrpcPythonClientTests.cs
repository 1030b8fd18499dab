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
            GrpcClientAssertions.AssertAll(JsonDocument.Parse(stdout).RootElement);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
