using System.Text.Json;
using System.Text.Json.Nodes;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.LogoDetection;

/// <summary>Request builders and a runner for the three stages.</summary>
internal static class LogoRequests
{
    public static readonly string[] SampleFiles = ["Cambia_logo.png", "Blooming_bush_(14248894271).jpg", "12_rue_de_Condé_-_detail.jpg"];

    public static byte[] Sample(string name) => File.ReadAllBytes(TestPaths.SharedData("liftwing", "logo", name));

    public static JsonObject Instance(string filename, byte[] bytes) =>
        new() { ["filename"] = filename, ["image"] = Convert.ToBase64String(bytes), ["target"] = "logo" };

    public static JsonObject Body(params JsonObject[] instances) => new() { ["instances"] = new JsonArray(instances) };

    public static InferenceRequest Request(JsonNode body) =>
        new() { ModelName = "logo-detection", Body = JsonDocument.Parse(body.ToJsonString()).RootElement };

    public static InferenceRequest Request(string json) =>
        new() { ModelName = "logo-detection", Body = JsonDocument.Parse(json).RootElement };

    public static async Task<JsonElement> RunAsync(IModel model, InferenceRequest request)
    {
        var input = await model.PreprocessAsync(request, CancellationToken.None);
        var output = await model.PredictAsync(input, request, CancellationToken.None);
        var response = await model.PostprocessAsync(output, request, CancellationToken.None);
        return JsonDocument.Parse(response.Json).RootElement;
    }
}
