using System.Net;
using System.Text;
using System.Text.Json;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary>The one exception-to-response path: what the client sees and what the log gets, per protocol.</summary>
public sealed class ErrorEdgeTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private TempModels? _models;
    private LiftWingTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _models = TempModels.Create(("echo", TempModels.EchoYaml("echo")));
        _server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models.Directory;
            s.Settings["Logging:LogLevel:LiftWing"] = "Debug";
            s.ConfigureServices = services =>
            {
                services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
                services.AddSingleton<ILoggerProvider>(_logs);
            };
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models?.Dispose();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ModelThrows_OneErrorLogWithRequestId_And500WithTheUsualBody()
    {
        var before = _logs.Entries.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json("""{"fail":"crash"}""") };
        request.Headers.Add("x-request-id", "crash-42");
        var response = await _server.Client.SendAsync(request);

        Assert.Equal("crash-42", Assert.Single(response.Headers.GetValues("x-request-id")));
        await HttpAssert.ErrorAsync(response, HttpStatusCode.InternalServerError, "Internal server error (request id crash-42)");
        var errors = _logs.Entries.Skip(before).Where(e => e.Level >= LogLevel.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Contains("crash-42", error.Message, StringComparison.Ordinal);
        Assert.Contains("the echo model crashed on purpose", error.Exception?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientError_IsLoggedAtDebugOnly()
    {
        var before = _logs.Entries.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/models/echo:predict") { Content = Json("""{"fail":"invalid"}""") };
        request.Headers.Add("x-request-id", "bad-7");
        await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request), HttpStatusCode.BadRequest, "The parameter fail asked for a 400.");

        var added = _logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(added, e => e.Level >= LogLevel.Warning);
        Assert.Contains(added, e => e.Level == LogLevel.Debug && e.Message.Contains("bad-7", StringComparison.Ordinal) && e.Message.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownModel_OnEveryProtocol_IsItsOwnErrorShape()
    {
        await HttpAssert.ErrorAsync(await _server.Client.PostAsync("v1/models/nope:predict", Json("{}")), HttpStatusCode.NotFound, "Model with name nope does not exist.");
        await HttpAssert.ErrorAsync(await _server.Client.PostAsync("v2/models/nope/infer", Json("{}")), HttpStatusCode.NotFound, "Model with name nope does not exist.");
        var openai = await HttpAssert.JsonAsync(await _server.Client.PostAsync("openai/v1/embeddings", Json("""{"model":"nope","input":"x"}""")), HttpStatusCode.NotFound);
        Assert.Equal("Model with name nope does not exist.", openai.GetProperty("error").GetProperty("message").GetString());
        // Issue 15: OpenAI's own error for an unknown model.
        Assert.Equal("invalid_request_error", openai.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, openai.GetProperty("error").GetProperty("param").ValueKind);
        Assert.Equal("model_not_found", openai.GetProperty("error").GetProperty("code").GetString());
    }
}
