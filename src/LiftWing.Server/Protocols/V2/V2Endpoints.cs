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
    private static readonly string[] s_extensions = [ServerIdentity.RepositoryExtension, V2BinaryExtension.Name];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v2", static (HttpContext c) =>
        {
            c.Response.Headers["x-liftwing-version"] = ServerIdentity.LiftWingVersion;
            return Results.Json(new V2ServerMetadata(ServerIdentity.Name, ServerIdentity.Version, s_extensions), ServerJsonContext.Relaxed.V2ServerMetadata);
        });
        endpoints.MapGet("/v2/health/live", static () => Results.Json(new V2Live(true), ServerJsonContext.Relaxed.V2Live));
        endpoints.MapGet("/v2/health/ready", static (StartupState startup, ModelRepository repository, IServiceProvider services) =>
        {
            var ready = ReadinessReport.Evaluate(startup, repository, services.ResolvePredictionCache());
            return Results.Json(ready, ServerJsonContext.Relaxed.V2Ready, statusCode: ready.Ready ? 200 : 503);
        });
        // KServe's addition to the OIP: the model names, as /v1/models lists them.
        endpoints.MapGet("/v2/models", static (ModelRepository r) => Results.Json(new V1.V1ModelList(r.Models.Select(m => m.Config.Name).ToList()), ServerJsonContext.Relaxed.V1ModelList));
        endpoints.MapGet("/v2/models/{name}", static (string name, ModelRepository r) => Metadata(r, name, null));
        endpoints.MapGet("/v2/models/{name}/versions/{version}", static (string name, string version, ModelRepository r) => Metadata(r, name, version));
        endpoints.MapGet("/v2/models/{name}/ready", static (string name, ModelRepository r) => Ready(r, name, null));
        endpoints.MapGet("/v2/models/{name}/versions/{version}/ready", static (string name, string version, ModelRepository r) => Ready(r, name, version));
        // Inference routes are plain RequestDelegates over the root provider's singletons (no per-request DI scope).
        var services = endpoints.ServiceProvider;
        endpoints.MapPost("/v2/models/{name}/infer", c => InferAsync(
            c, services.GetRequiredService<InferenceService>(), services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value, (string)c.GetRouteValue("name")!, null));
        endpoints.MapPost("/v2/models/{name}/versions/{version}/infer", c => InferAsync(
            c, services.GetRequiredService<InferenceService>(), services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value, (string)c.GetRouteValue("name")!, (string)c.GetRouteValue("version")!));
        endpoints.MapPost("/v2/repository/index", static (ModelRepository r) => Results.Json(
            r.Index().Select(e => new V2RepositoryIndexEntry(e.Name, e.Version, StateName(e.State), e.State.IsReady ? "" : e.State.Reason ?? "")).ToList(),
            ServerJsonContext.Relaxed.IReadOnlyListV2RepositoryIndexEntry));
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

    private static IModel Find(ModelRepository repository, string name, string? version) => ModelLookup.Find(repository, name, version);

    private static IResult Metadata(ModelRepository repository, string name, string? version)
    {
        var model = Find(repository, name, version);
        var meta = model.Metadata;
        return Results.Json(
            new V2ModelMetadata(
                model.Config.Name,
                [model.Config.Version],
                meta.Platform,
                meta.Inputs.Select(Spec).ToList(),
                meta.Outputs.Select(Spec).ToList(),
                model.State.IsReady,
                StateName(model.State),
                model.State.IsReady ? null : Gateway.PathRedactor.Redact(model.State.Reason)),
            ServerJsonContext.Relaxed.V2ModelMetadata);
    }

    private static V2TensorMetadata Spec(TensorSpec t) => new(t.Name, t.Datatype, t.Shape);

    private static IResult Ready(ModelRepository repository, string name, string? version)
    {
        var model = Find(repository, name, version);
        return Results.Json(new V2ModelReady(name, model.State.IsReady), ServerJsonContext.Relaxed.V2ModelReady, statusCode: model.State.IsReady ? 200 : 503);
    }

    private static async Task InferAsync(HttpContext context, InferenceService inference, LiftWingServerOptions options, string name, string? version)
    {
        var model = Find(inference.Repository, name, version);
        if (!model.State.IsReady)
        {
            throw new ModelNotReadyException(name);
        }

        using var body = await RequestBodyReader.ReadBytesAsync(context, options, context.RequestAborted).ConfigureAwait(false);
        var (json, binary) = V2BinaryExtension.Split(context.Request, body.Memory);
        // Invalid UTF-8 and lone surrogates are a 400 naming the field before any string is read; malformed JSON is
        // left to the codec, whose message names the syntax error (the validator stops at the same token).
        try
        {
            JsonTextValidator.Validate(json.Span, options.MaxJsonDepth);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var tensors = V2JsonCodec.DecodeRequest(json.Span, binary.Span, options.MaxJsonDepth, limits.MaxV2Elements);

        // JSON-only (V1-style) models read the body itself; tensor models need only the decoded tensors.
        using var doc = model.Metadata.Inputs.Count == 0 ? RequestBodyReader.ParseJson(json, context.Request.ContentType, options, validateText: false) : null;
        var request = InferenceRequestFactory.Create(context, name, InferenceProtocol.V2, doc?.RootElement ?? default, tensors);
        var response = await inference.InferAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (response.Tensors is null)
        {
            // A JSON-only model answered: pass its body through.
            await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
            return;
        }

        var selected = V2OutputLimit.Check(V2Outputs.Apply(response.Tensors, tensors), limits.MaxV2OutputElements, limits.MaxV2OutputBytes);
        if (V2BinaryExtension.BinaryOutputs(tensors, selected.Outputs) is { } binaryOutputs)
        {
            await V2BinaryExtension.WriteAsync(context, selected, binaryOutputs).ConfigureAwait(false);
            return;
        }

        await V2BinaryExtension.WriteJsonAsync(context, response, selected).ConfigureAwait(false);
    }

    private static async Task<IResult> LoadAsync(HttpContext context, string name, ModelRepository repository)
    {
        await repository.LoadReadyAsync(name, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new V2LoadResult(name, true), ServerJsonContext.Relaxed.V2LoadResult);
    }

    private static async Task<IResult> UnloadAsync(HttpContext context, string name, ModelRepository repository)
    {
        await repository.UnloadAsync(name, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new V2UnloadResult(name, true), ServerJsonContext.Relaxed.V2UnloadResult);
    }
}
