using System.Text.Json;
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
/// <c>POST /v1/models/{name}:predict</c> (also <c>%3A</c>, and under <c>/service/lw/inference</c>).
/// </summary>
internal static class V1Endpoints
{
    public const string PublicPrefix = "/service/lw/inference";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", static () => Results.Json(new Dictionary<string, string> { ["status"] = "alive" }));
        foreach (var prefix in new[] { "", PublicPrefix })
        {
            endpoints.MapGet(prefix + "/v1/models", ListModels);
            endpoints.MapGet(prefix + "/v1/models/{name}", ModelStatus);
            // Kestrel unescapes %3A / %3a in the path, so one template serves ':predict' and '%3Apredict'.
            endpoints.MapPost(prefix + "/v1/models/{name}:predict", PredictAsync);
        }
    }

    private static IResult ListModels(ModelRepository repository) =>
        Results.Json(new Dictionary<string, IEnumerable<string>> { ["models"] = repository.Models.Select(m => m.Config.Name) });

    private static async Task ModelStatus(HttpContext context, string name, ModelRepository repository)
    {
        if (name.EndsWith(":predict", StringComparison.Ordinal))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"Method GET is not allowed on {context.Request.Path}; use POST.").ConfigureAwait(false);
            return;
        }

        if (!repository.TryGet(name, out var model))
        {
            await ErrorResponses.WriteAsync(context, new ModelNotFoundException(name)).ConfigureAwait(false);
            return;
        }

        await Results.Json(new Dictionary<string, object> { ["name"] = name, ["ready"] = model.State.IsReady })
            .ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task PredictAsync(HttpContext context, string name)
    {
        var services = context.RequestServices;
        var inference = services.GetRequiredService<InferenceService>();
        var options = services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value;
        try
        {
            // Unknown and unready models answer before the body is read, as KServe does.
            inference.Repository.GetReady(name);
            using var doc = await RequestBodyReader.ReadJsonAsync(context, options, context.RequestAborted).ConfigureAwait(false);
            var request = InferenceRequestFactory.Create(context, name, InferenceProtocol.V1, doc.RootElement);
            var response = await inference.InferAsync(request, context.RequestAborted).ConfigureAwait(false);
            await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context, ex).ConfigureAwait(false);
        }
    }
}
