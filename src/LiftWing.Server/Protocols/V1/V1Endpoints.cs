using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Repository;
using LiftWing.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.V1;

/// <summary>
/// Lift Wing / KServe V1: <c>GET /</c>, <c>GET /v1/models</c>, <c>GET /v1/models/{name}</c>,
/// <c>POST /v1/models/{name}:predict</c> (also <c>%3A</c>, and under <c>/service/lw/inference</c>),
/// <c>POST /v1/models/{name}:explain</c> (501: no model has an explainer).
/// Errors are thrown; <see cref="LiftWingExceptionHandler"/> writes them.
/// </summary>
internal static class V1Endpoints
{
    public const string PublicPrefix = "/service/lw/inference";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", static () => Results.Json(new V1ServerStatus("alive"), ServerJsonContext.Relaxed.V1ServerStatus));
        // The hot route is a plain RequestDelegate over the root provider's singletons: no request-delegate-factory
        // binding and no per-request DI scope (which resolving a parameter from RequestServices would create).
        var services = endpoints.ServiceProvider;
        RequestDelegate predict = context => PredictAsync(
            context,
            services.GetRequiredService<InferenceService>(),
            services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value);
        foreach (var prefix in new[] { "", PublicPrefix })
        {
            endpoints.MapGet(prefix + "/v1/models", ListModels);
            endpoints.MapGet(prefix + "/v1/models/{name}", ModelStatus);
            // Kestrel unescapes %3A / %3a in the path, so one template serves ':predict' and '%3Apredict'.
            endpoints.MapPost(prefix + "/v1/models/{name}:predict", predict);
        }

        endpoints.MapPost("/v1/models/{name}:explain", Explain);
    }

    // KServe's Model.explain without an explainer raises NotImplementedError: 501. No model here has one; the body
    // is not read (KServe runs preprocess first, which for Lift Wing's models means a MediaWiki fetch for nothing).
    private static IResult Explain(string name, InferenceService inference)
    {
        inference.Repository.GetReady(name);
        throw new LiftWingException(ErrorKind.NotImplemented, ExplainerMissing);
    }

    /// <summary>KServe's message for a model without an explainer.</summary>
    public const string ExplainerMissing = "Could not find explainer_host.";

    private static IResult ListModels(ModelRepository repository) =>
        Results.Json(new V1ModelList(repository.Models.Select(m => m.Config.Name).ToList()), ServerJsonContext.Relaxed.V1ModelList);

    private static IResult ModelStatus(string name, ModelRepository repository)
    {
        if (name.EndsWith(":predict", StringComparison.Ordinal) || name.EndsWith(":explain", StringComparison.Ordinal))
        {
            throw new MethodNotAllowedException("POST");
        }

        return repository.TryGet(name, out var model)
            ? Results.Json(new V1ModelStatus(name, model.State.IsReady), ServerJsonContext.Relaxed.V1ModelStatus)
            : throw new ModelNotFoundException(name);
    }

    private static async Task PredictAsync(HttpContext context, InferenceService inference, LiftWingServerOptions options)
    {
        var name = (string)context.GetRouteValue("name")!;
        // Unknown and unready models answer before the body is read, as KServe does.
        var model = inference.Repository.GetReady(name);
        var maxBody = model.Config.MaxRequestBodyBytes ?? options.MaxRequestBodyBytes;
        using var doc = await RequestBodyReader.ReadJsonAsync(context, options, maxBody, context.RequestAborted).ConfigureAwait(false);
        var request = InferenceRequestFactory.Create(context, name, InferenceProtocol.V1, doc.RootElement);
        var response = await inference.InferAsync(request, context.RequestAborted).ConfigureAwait(false);
        await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
    }
}
