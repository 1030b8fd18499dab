using System.Net;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Cli;

/// <summary>The <c>liftwing</c> command as a separate process.</summary>
public sealed class CliTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_OnAChosenPort_AnswersReadyAndServesTheExampleModel()
    {
        var port = LiftWingTestServer.FreePort();
        using var p = CliRunner.Start(TestPaths.RepoRoot, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--only", "example-linear");
        var output = CliRunner.Capture(p);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            HttpStatusCode status = 0;
            var deadline = DateTime.UtcNow + s_timeout;
            while (DateTime.UtcNow < deadline && !p.HasExited)
            {
                try
                {
                    status = (await client.GetAsync("v2/health/ready")).StatusCode;
                    if (status == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            Assert.True(status == HttpStatusCode.OK, "not ready: " + output);
            var models = await client.GetStringAsync("v1/models");
            Assert.Equal("""{"models":["example-linear"]}""", models);
        }
        finally
        {
            p.Kill(true);
        }
    }

    [Fact]
    public async Task Serve_BadPortOrMissingModelsFolder_FailsWithAMessage()
    {
        var (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--port", "70000");
        Assert.Equal(2, code);
        Assert.Contains("--port 70000", err, StringComparison.Ordinal);
        Assert.Contains("LiftWing:Server:Port", err, StringComparison.Ordinal);
        (code, _, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "serve", "--models-dir", "/nonexistent/models");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadServerSettingsFromTheEnvironment_StopBeforeListening_NamingEveryKey()
    {
        var env = new Dictionary<string, string>
        {
            ["LIFTWING__SERVER__MAXREQUESTBODYBYTES"] = "5",
            ["LIFTWING__SERVER__HOST"] = "not-an-address",
        };
        var (code, stdout, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, env, null, s_timeout, "serve", "--port", "0");
        Assert.Equal(2, code);
        Assert.Contains("LiftWing:Server:MaxRequestBodyBytes", err, StringComparison.Ordinal);
        Assert.Contains("LiftWing:Server:Host", err, StringComparison.Ordinal);
        Assert.DoesNotContain("serving models", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsList_PrintsEachModelWithItsState()
    {
        using var models = TempModels.Create(("bad", "name: bad\nserver: nosuch\n"));
        File.Copy(Path.Combine(TestPaths.Models, "example-linear", "model.yaml"), models.Write("example-linear", ""), overwrite: true);
        File.Copy(Path.Combine(TestPaths.Models, "example-linear", "model.onnx"), Path.Combine(models.Directory, "example-linear", "model.onnx"));
        var (code, stdout, _) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout, "models", "list", "--models-dir", models.Directory, "--load");
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^example-linear\s+onnx\s+1\s+ready", stdout);
        Assert.Matches(@"(?m)^bad\s+nosuch\s+\?\s+|^bad\s+nosuch\s+1\s+", stdout);
        Assert.Contains("unknown server type 'nosuch'", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_V2FromStdin_PrintsTheResponse()
    {
        var request = """{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[1,2,3,4]}],"outputs":[{"name":"label"}]}""";
        var (code, stdout, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, request, s_timeout, "predict", "example-linear", "-", "--v2");
        Assert.True(code == 0, err);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("example-linear", json.GetProperty("model_name").GetString());
        Assert.Equal(2, json.GetProperty("outputs")[0].GetProperty("data")[0].GetInt64());
    }

    [Fact]
    public async Task Predict_BadInput_PrintsTheErrorBodyAndFails()
    {
        var (code, stdout, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, "[1]", s_timeout, "predict", "example-linear", "-");
        Assert.Equal(1, code);
        Assert.Equal("""{"error":"Please verify that request input is a json dict"}""", stdout.Trim());
        Assert.Contains("HTTP 400", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadTest_AgainstARealServer_PrintsLocustStatsAndCsv()
    {
        using var models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        await using var server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services => Microsoft.Extensions.DependencyInjection.LiftWingCoreServiceCollectionExtensions.AddModelServer(services, EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });
        var body = Path.Combine(models.Directory, "body.json");
        await File.WriteAllTextAsync(body, """{"text":"hello"}""");
        var csv = Path.Combine(models.Directory, "stats.csv");
        var (code, stdout, err) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout,
            "loadtest", new Uri(server.BaseAddress, "v1/models/echo:predict").ToString(), "--body", body, "--concurrency", "4", "--requests", "200", "--csv", csv);
        Assert.True(code == 0, stdout + err);
        Assert.Contains("status codes: 200: 200", stdout, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.StartsWith("Type,Name,Request Count,Failure Count,Median Response Time", lines[0], StringComparison.Ordinal);
        var row = lines[1].Split(',');
        Assert.Equal(["POST", "/v1/models/echo:predict", "200", "0"], row[..4]);
        Assert.True(echoCount(server) >= 200);

        static int echoCount(LiftWingTestServer s) =>
            ((EchoModel)((LiftWing.Core.Repository.ModelRepository)s.Services.GetService(typeof(LiftWing.Core.Repository.ModelRepository))!).Models.Single()).PredictCount;
    }

    [Fact]
    public async Task LoadTest_Failures_AreCountedAndExitNonZero()
    {
        using var models = TempModels.Create();
        await using var server = await LiftWingTestServer.StartAsync(s => s.ModelsDirectory = models.Directory);
        var (code, stdout, _) = await CliRunner.RunAsync(TestPaths.RepoRoot, null, s_timeout,
            "loadtest", new Uri(server.BaseAddress, "v1/models/nope").ToString(), "--requests", "20");
        Assert.Equal(1, code);
        Assert.Contains("status codes: 404: 20", stdout, StringComparison.Ordinal);
    }
}
