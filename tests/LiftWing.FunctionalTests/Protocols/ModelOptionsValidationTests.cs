using System.Net;
using System.Text;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.FunctionalTests.Protocols;

/// <summary>A bad model option fails that model, with the model.yaml key in its reason; the others keep serving.</summary>
public sealed class ModelOptionsValidationTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("langid", "max_text_length: -1", "options.max_text_length")]
    [InlineData("articlequality", "max_instances: 0", "options.max_instances")]
    [InlineData("revertrisk-language-agnostic", "threshold: 2", "options.threshold")]
    [InlineData("huggingface", "max_padding_ratio: 0.5", "options.max_padding_ratio")]
    [InlineData("logo-detection", "url: { timeout_seconds: 0 }", "options.url.timeout_seconds")]
    [InlineData("onnx", "max_elements: 0", "options.max_elements")]
    [InlineData("langid", "max_k: many", "options.max_k")]
    public async Task BadOption_ThatModelFails_WithTheKey_OthersAnswer(string server, string option, string key)
    {
        using var models = TempModels.Create(
            ("bad", $"name: bad\nserver: {server}\noptions:\n  {option}\n"),
            ("echo", TempModels.EchoYaml("echo")));
        await using var lw = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.ConfigureServices = services => services.AddModelServer(EchoModel.ServerType, static (c, _) => new EchoModel(c));
        });

        var meta = await HttpAssert.JsonAsync(await lw.Client.GetAsync("v2/models/bad"), HttpStatusCode.OK);
        Assert.Equal("UNAVAILABLE", meta.GetProperty("state").GetString());
        Assert.Contains(key, meta.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(await lw.Client.PostAsync("v1/models/bad:predict", Json("{}")), HttpStatusCode.ServiceUnavailable, "Model with name bad is not ready.");
        await HttpAssert.JsonAsync(await lw.Client.PostAsync("v1/models/echo:predict", Json("{}")), HttpStatusCode.OK);
    }
}
