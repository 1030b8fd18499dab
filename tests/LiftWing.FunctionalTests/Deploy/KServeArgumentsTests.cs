using System.Globalization;
using System.Net;
using LiftWing.Cli.KServe;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Deploy;

/// <summary><c>liftwing serve</c> started the way a KServe ServingRuntime starts it.</summary>
public sealed class KServeArgumentsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_WithKServeArguments_ServesTheOneModelInModelDir_AndLogsIgnoredArguments_AndListensOnGrpcPort()
    {
        // KServe's storage initializer leaves one model's files directly in /mnt/models.
        using var mount = TempDirectory.CopyOf(Path.Combine(TestPaths.Models, "example-linear"));
        var port = LiftWingTestServer.FreePort();
        var grpcPort = LiftWingTestServer.FreePort();
        using var p = CliRunner.Start(TestPaths.RepoRoot, "serve", "--host", "127.0.0.1",
            "--model_name", "example-linear", "--model_dir", mount.Path,
            "--http_port", port.ToString(CultureInfo.InvariantCulture), "--grpc_port", grpcPort.ToString(CultureInfo.InvariantCulture), "--workers", "3");
        var output = CliRunner.Capture(p);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await ServeProcess.WaitReadyAsync(client, p, output, s_timeout);
            Assert.Equal("""{"models":["example-linear"]}""", await client.GetStringAsync("v1/models"));
            var log = output.ToString();
            Assert.Contains("--workers 3 ignored", log, StringComparison.Ordinal);
            Assert.DoesNotContain("--grpc_port", log, StringComparison.Ordinal);
            // --grpc_port is where the gRPC service listens (KServe's runtime contract).
            using var grpc = new System.Net.Sockets.TcpClient();
            await grpc.ConnectAsync(IPAddress.Loopback, grpcPort);
            Assert.True(grpc.Connected);
        }
        finally
        {
            p.Kill(true);
            await p.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_BadKServeArguments_FailWithAMessageNamingThem()
    {
        var (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--http_port", "0");
        Assert.Equal(2, code);
        Assert.Contains("--http_port 0", err, StringComparison.Ordinal);

        (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--model_dir", "/nonexistent/mnt/models");
        Assert.Equal(2, code);
        Assert.Contains("--model_dir /nonexistent/mnt/models does not exist", err, StringComparison.Ordinal);

        using var mount = TempDirectory.CopyOf(Path.Combine(TestPaths.Models, "example-linear"));
        (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--model_name", "langid", "--model_dir", mount.Path);
        Assert.Equal(2, code);
        Assert.Contains("defines model 'example-linear', not --model_name 'langid'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_StorageUriWithoutModelDir_ServesTheMountPath()
    {
        using var mount = TempDirectory.CopyOf(TestPaths.Models);
        var t = KServeTranslation.From("langid", null, 8080, null, null, "s3://wmf-ml-models/langid/", mount.Path);
        Assert.Null(t.Error);
        Assert.Equal(mount.Path, t.ModelsDirectory);
        Assert.Null(t.SingleModelDirectory);
        Assert.True(t.BindAllInterfaces);
        Assert.Equal(8080, t.Port);
        Assert.Contains(t.Notes, n => n.StartsWith("STORAGE_URI set", StringComparison.Ordinal));
    }

    [Fact]
    public void Translate_NoKServeArguments_ChangesNothing()
    {
        var t = KServeTranslation.From(null, null, null, null, null, null, "/mnt/models");
        Assert.True(t.IsEmpty);
        Assert.Null(t.Port);
        Assert.False(t.BindAllInterfaces);
        Assert.Null(t.ModelsDirectory);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Translate_ModelNameWithPathCharacters_IsAnError(string name)
    {
        var t = KServeTranslation.From(name, null, null, null, null, null, "/mnt/models");
        Assert.NotNull(t.Error);
        Assert.Contains("--model_name", t.Error, StringComparison.Ordinal);
    }
}
