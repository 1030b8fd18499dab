using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Grpc;

/// <summary>@grpc/grpc-js with @grpc/proto-loader (npm, installed by scripts/setup/grpc.sh) calls every RPC.</summary>
public sealed class GrpcNodeClientTests(GrpcServerFixture fixture) : IClassFixture<GrpcServerFixture>
{
    private const string GrpcJsVersion = "1.14.7";
    private const string ProtoLoaderVersion = "0.8.1";

    private static string PackageDirectory =>
        Environment.GetEnvironmentVariable("LIFTWING_GRPC_NODE_DIR") is { Length: > 0 } d
            ? d
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "liftwing", $"node-grpc-js-{GrpcJsVersion}");

    [Fact]
    public async Task EveryRpc_RawContentsBytesV1StyleAndEachErrorStatus()
    {
        var modules = Path.Combine(PackageDirectory, "node_modules");
        if (!File.Exists(Path.Combine(modules, "@grpc", "grpc-js", "package.json")))
        {
            Directory.CreateDirectory(PackageDirectory);
            await ExternalProcess.RunAsync("npm", ["install", "--prefix", PackageDirectory, "--no-audit", "--no-fund", "--ignore-scripts", "--silent",
                $"@grpc/grpc-js@{GrpcJsVersion}", $"@grpc/proto-loader@{ProtoLoaderVersion}"]);
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Grpc", "kserve-grpc-client.cjs");
        var stdout = await ExternalProcess.RunAsync("node",
            [script, modules, $"127.0.0.1:{fixture.GrpcAddress.Port}", TestPaths.SharedData("kserve", "grpc_predict_v2.proto")]);
        GrpcClientAssertions.AssertAll(JsonDocument.Parse(stdout).RootElement);
    }
}
