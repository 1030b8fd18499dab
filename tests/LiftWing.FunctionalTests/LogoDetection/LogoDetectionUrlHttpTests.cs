using System.Net;
using System.Text.Json.Nodes;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.LogoDetection;

public sealed class LogoDetectionUrlHttpTests
{
    [Fact]
    public async Task Predict_UrlOnAllowListedLocalServer_FetchedAndScored()
    {
        // The repository's model.yaml with 127.0.0.1 over http allow-listed; the head is copied beside it
        // (file: artifacts are confined to the model's folder).
        var modelDir = Path.Combine(TestPaths.Models, "logo-detection");
        var yaml = File.ReadAllText(Path.Combine(modelDir, "model.yaml"))
            .Replace("allowed_hosts: [upload.wikimedia.org]", "allowed_hosts: [127.0.0.1]", StringComparison.Ordinal)
            .Replace("allowed_schemes: [https]", "allowed_schemes: [http]", StringComparison.Ordinal);
        using var models = TempModels.Create(("logo-detection", yaml));
        File.Copy(Path.Combine(modelDir, "logo-head.json"), Path.Combine(models.Directory, "logo-detection", "logo-head.json"));
        await using var local = new LocalHttpServer();
        local.MapBytes("/Cambia_logo.png", File.ReadAllBytes(TestPaths.SharedData("liftwing", "logo", "Cambia_logo.png")));
        local.MapRedirect("/elsewhere.png", "http://10.1.2.3/x.png");
        await using var server = await LiftWingTestServer.StartAsync(s =>
        {
            s.ModelsDirectory = models.Directory;
            s.Only.Add("logo-detection");
        });

        var ok = new JsonObject { ["instances"] = new JsonArray(new JsonObject { ["filename"] = "Cambia_logo.png", ["url"] = local.Url("/Cambia_logo.png"), ["target"] = "logo" }) };
        var body = await HttpAssert.JsonAsync(await server.Client.PostAsync("v1/models/logo-detection:predict", new StringContent(ok.ToJsonString(), System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        Assert.True(body.GetProperty("predictions")[0].GetProperty("prediction").GetDouble() > 0.5, body.ToString());

        var redirect = new JsonObject { ["instances"] = new JsonArray(new JsonObject { ["filename"] = "e.png", ["url"] = local.Url("/elsewhere.png"), ["target"] = "logo" }) };
        var message = await HttpAssert.ErrorMessageAsync(await server.Client.PostAsync("v1/models/logo-detection:predict", new StringContent(redirect.ToJsonString(), System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("host '10.1.2.3' is not in the allow-list", message);
    }
}
