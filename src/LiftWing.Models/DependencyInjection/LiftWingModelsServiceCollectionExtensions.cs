#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers every model server type that LiftWing ships.</summary>
public static class LiftWingModelsServiceCollectionExtensions
{
    /// <summary>Adds the model servers (one line per server type; keep them sorted).</summary>
    public static IServiceCollection AddLiftWingModels(this IServiceCollection services)
    {
        // One line per server type, sorted.
        services.AddModelServer("articlequality", static (config, sp) => new LiftWing.Models.ArticleQuality.ArticleQualityModel(config, sp));
        services.AddModelServer("huggingface", static (config, sp) => new LiftWing.Models.HuggingFace.HuggingFaceModel(config, sp));
        services.AddModelServer("langid", static (config, _) => new LiftWing.Models.LangId.LangIdModel(config));
        services.AddModelServer("onnx", static (config, _) => new LiftWing.Models.Onnx.OnnxModel(config));
        services.AddModelServer("revertrisk-language-agnostic", static (config, sp) => new LiftWing.Models.RevertRisk.RevertRiskModel(config, sp));
        return services;
    }
}
