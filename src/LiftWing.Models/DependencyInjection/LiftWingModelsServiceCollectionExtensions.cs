using LiftWing.Core.Telemetry;
using LiftWing.Models.ArticleQuality;
using LiftWing.Models.HuggingFace;
using LiftWing.Models.LangId;
using LiftWing.Models.LogoDetection;
using LiftWing.Models.Onnx;
using LiftWing.Models.RevertRisk;
using LiftWing.Wiki.MediaWiki;
using LiftWing.Wiki.RevertRisk;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers every model server type that LiftWing ships, with the dependencies their constructors take.</summary>
public static class LiftWingModelsServiceCollectionExtensions
{
    /// <summary>Adds the wiki access and the model servers (one line per server type; keep them sorted).</summary>
    public static IServiceCollection AddLiftWingModels(this IServiceCollection services)
    {
        services.AddMediaWiki();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiftWingMetrics>();
        services.TryAddSingleton<IEditTypeCounter, MwEditTypeCounter>();
        services.AddHttpClient(ImageUrlFetcher.HttpClientName, static c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(ImageUrlFetcher.CreateHandler);

        // One line per server type, sorted. The composition root resolves each model's typed dependencies here.
        services.AddModelServer("articlequality", static (config, sp) => new ArticleQualityModel(config, sp.GetRequiredService<WikiSources>()));
        services.AddModelServer("huggingface", static (config, sp) => new HuggingFaceModel(config, sp.GetRequiredService<LiftWingMetrics>(), sp.GetRequiredService<TimeProvider>()), supportsBatching: true);
        services.AddModelServer("langid", static (config, _) => new LangIdModel(config));
        services.AddModelServer("logo-detection", static (config, sp) => new LogoDetectionModel(
            config, sp.GetRequiredService<TimeProvider>(), () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(ImageUrlFetcher.HttpClientName)));
        services.AddModelServer("onnx", static (config, _) => new OnnxModel(config));
        services.AddModelServer("revertrisk-language-agnostic", static (config, sp) => new RevertRiskModel(config, sp.GetRequiredService<WikiSources>(), sp.GetRequiredService<IEditTypeCounter>()));
        return services;
    }
}
