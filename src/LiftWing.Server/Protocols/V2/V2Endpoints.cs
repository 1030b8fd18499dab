using System.Reflection;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Tensors;
using LiftWing.Server.Hosting;
using LiftWing.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.V2;

/// <summary>Open Inference Protocol V2 (REST) with the model-repository extension.</summary>
internal static class V2Endpoints
{
    private static readonly string s_version =
        typeof(V2Endpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private static readonly string[] s_extensions = ["model_repository"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v2", static () => Results.Json(new Dictionary<string, object>
        {
            ["name"] = "liftwing",
            ["version"] = s_version,
            ["extensions"] = s_extensions,
        }));
        endpoints.MapGet("/v2/health/live", static () => Results.Json(new Dictionary<string, bool> { ["live"] = true }));
        endpoints.MapGet("/v2/health/ready", static (StartupState startup, ModelRepository repository) =>
        {
            // Ready once start-up loading has finished and nothing is still loading; failed models report
            // themselves on /v2/models/{name}/ready so one broken model does not take the server out of rotation.
            var ready = startup.LoadingFinished && repository.Models.All(m => m.State.Readiness != ModelReadiness.Loading);
            return Results.Json(new Dictionary<string, bool> { ["ready"] = ready }, statusCode: ready ? 200 : 503);
        });
        endpoints.MapGet("/v2/models/{name}", (HttpContext c, string name, ModelRepository r) => Metadata(c, r, name, null));
        endpoints.MapGet("/v2/models/{name}/versions/{version}", (HttpContext c, string name, string version, ModelRepository r) => Metadata(c, r, name, version));
        endpoints.MapGet("/v2/models/{name}/ready", (HttpContext c, string name, ModelRepository r) => Ready(c, r, name, null));
        endpoints.MapGet("/v2/models/{name}/versions/{version}/ready", (HttpContext c, string name, string version, ModelRepository r) => Ready(c, r, name, version));
        endpoints.MapPost("/v2/models/{name}/infer", (HttpContext c, string name) => InferAsync(c, name, null));
        endpoints.MapPost("/v2/models/{name}/versions/{version}/infer", (HttpContext c, string name, string version) => InferAsync(c, name, version));
        endpoints.MapPost("/v2/repository/index", static (ModelRepository r) => Results.Json(r.Index().Select(e => new Dictionary<string, object?>
        {
            ["name"] = e.Name,
            ["version"] = e.Version,
            ["state"] = StateName(e.State),
            ["reason"] = e.State.IsReady ? "" : e.State.Reason ?? "",
        })));
        endpoints.MapPost("/v2/repository/models/{name}/load", LoadAsync);
        endpoints.MapPost("/v2/repository/models/{name}/unload", UnloadAsync);
    }

    private static string StateName(ModelState state) => state.Readiness switch
    {
        ModelReadiness.Ready => "READY",
        ModelReadiness.Loading => "LOADING",
        ModelReadiness.Failed => "UNAVAILABLE",
        _ => "UNAVAILABLE",
    };

    private static IModel Find(ModelRepository repository, string name, string? version)
    {
        if (!repository.TryGet(name, out var model))
        {
            throw new ModelNotFoundException(name);
        }

        if (version is not null && version != model.Config.Version)
        {
            throw new LiftWingException(404, $"Model with name {name} version {version} does not exist.");
        }

        return model;
    }

    private static async Task Metadata(HttpContext context, ModelRepository repository, string name, string? version)
    {
        try
        {
            var model = Find(repository, name, version);
            var meta = model.Metadata;
            await Results.Json(new Dictionary<string, object?>
            {
                ["name"] = model.Config.Name,
                ["versions"] = new[] { model.Config.Version },
                ["platform"] = meta.Platform,
                ["inputs"] = meta.Inputs.Select(Spec),
                ["outputs"] = meta.Outputs.Select(Spec),
                ["ready"] = model.State.IsReady,
                ["state"] = StateName(model.State),
                ["reason"] = model.State.IsReady ? null : Gateway.PathRedactor.Redact(model.State.Reason),
            }).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (LiftWingException ex)
        {
            await ErrorResponses.WriteAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, object> Spec(TensorSpec t) =>
        new() { ["name"] = t.Name, ["datatype"] = t.Datatype, ["shape"] = t.Shape };

    private static async Task Ready(HttpContext context, ModelRepository repository, string name, string? version)
    {
        try
        {
            var model = Find(repository, name, version);
            await Results.Json(new Dictionary<string, object> { ["name"] = name, ["ready"] = model.State.IsReady }, statusCode: model.State.IsReady ? 200 : 503)
                .ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (LiftWingException ex)
        {
            await ErrorResponses.WriteAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static async Task InferAsync(HttpContext context, string name, string? version)
    {
        var services = context.RequestServices;
        var inference = services.GetRequiredService<InferenceService>();
        var options = services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value;
        try
        {
            var model = Find(inference.Repository, name, version);
            if (!model.State.IsReady)
            {
                throw new ModelNotReadyException(name);
            }

            using var doc = await RequestBodyReader.ReadJsonAsync(context, options, context.RequestAborted).ConfigureAwait(false);
            var tensors = V2JsonCodec.DecodeRequest(doc.RootElement);
            var request = InferenceRequestFactory.Create(context, name, InferenceProtocol.V2, doc.RootElement, tensors);
            var response = await inference.InferAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (response.Tensors is null)
            {
                // A JSON-only model answered: pass its body through.
                await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
                return;
            }

            var body = V2JsonCodec.EncodeResponse(V2Outputs.Apply(response.Tensors, tensors));
            await ResponseWriter.WriteJsonAsync(context, new InferenceResponse { Json = body, Cache = response.Cache }).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static async Task LoadAsync(HttpContext context, string name, ModelRepository repository)
    {
        try
        {
            var model = await repository.LoadAsync(name, context.RequestAborted).ConfigureAwait(false);
            if (!model.State.IsReady)
            {
                await ErrorResponses.WriteAsync(context, 500, $"Model {name} failed to load: {model.State.Reason}").ConfigureAwait(false);
                return;
            }

            await Results.Json(new Dictionary<string, object> { ["name"] = name, ["load"] = true }).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (LiftWingException ex)
        {
            await ErrorResponses.WriteAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static async Task UnloadAsync(HttpContext context, string name, ModelRepository repository)
    {
        try
        {
            await repository.UnloadAsync(name, context.RequestAborted).ConfigureAwait(false);
            await Results.Json(new Dictionary<string, object> { ["name"] = name, ["unload"] = true }).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (LiftWingException ex)
        {
            await ErrorResponses.WriteAsync(context, ex).ConfigureAwait(false);
        }
    }
}
