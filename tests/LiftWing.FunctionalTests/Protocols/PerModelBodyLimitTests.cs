using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary>A model.yaml's <c>max_request_body_bytes</c> replaces the server's body limit for that model's V1 predict only.</summary>
public sealed class PerModelBodyLimitTests : IAsyncLifetime
{
    private TempModels? _models;
    private LiftWingTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _models = TempModels.Create(
            ("small", TempModels.EchoYaml("small", extra: "max_request_body_bytes: 2048\n")),
            ("large", TempModels.EchoYaml("large", extra: "max_request_body_bytes: 65536\n")),
            ("plain", TempModels.EchoYaml("plain")));
        _server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = _models.Directory;
            s.Settings["LiftWing:Server:MaxRequestBodyBytes"] = "8192";
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models?.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string model, int bytes, bool chunked = false)
    {
        var json = "{\"pad\":\"" + new string('x', bytes - 10) + "\"}";
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))) { Headers = { ContentType = new("application/json") } }
            : new StringContent(json, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        return _server.Client.PostAsync($"v1/models/{model}:predict", content);
    }

    [Theory]
    [InlineData("small", 3000, false, 2048)]
    [InlineData("plain", 9000, false, 8192)]
    [InlineData("large", 70000, false, 65536)]
    [InlineData("large", 70000, true, 65536)]
    public async Task OverTheModelsLimit_Is413NamingIt(string model, int bytes, bool chunked, int limit)
    {
        await HttpAssert.ErrorAsync(await PostAsync(model, bytes, chunked), HttpStatusCode.RequestEntityTooLarge, $"Request body too large: the limit is {limit} bytes.");
    }

    [Theory]
    [InlineData("small", 2000, false)]
    [InlineData("large", 60000, false)]
    [InlineData("large", 60000, true)]
    public async Task UnderTheModelsLimit_EvenOverTheServers_IsServed(string model, int bytes, bool chunked)
    {
        using var response = await PostAsync(model, bytes, chunked);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void ModelYaml_OutOfRangeLimit_FailsToLoadNamingTheKey()
    {
        var path = _models!.Write("bad", TempModels.EchoYaml("bad", extra: "max_request_body_bytes: 10\n"));

        var ex = Assert.Throws<InvalidDataException>(() => LiftWing.Core.Models.ModelConfigLoader.Load(path));

        Assert.Contains("max_request_body_bytes: value must be between 1024 and 1073741824 (got 10)", ex.Message, StringComparison.Ordinal);
    }
}
