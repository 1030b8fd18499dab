using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Server.Http;
using LiftWing.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.OpenAI;

/// <summary>
/// OpenAI-compatible routes (KServe's <c>/openai</c> prefix): <c>POST /openai/v1/embeddings</c>, routed by the
/// body's <c>model</c> to an <see cref="IOpenAIModel"/>, and <c>GET /openai/v1/models[/{name}]</c>; the same under
/// Lift Wing's gateway route <c>/service/lw/inference/v1/models/{isvc}/openai/v1/…</c>, which addresses one model
/// (<see cref="IsvcScope"/>). The model validates the request and writes the response; this adapter only routes.
/// Errors are thrown and written in OpenAI's shape by <see cref="LiftWingExceptionHandler"/>.
/// </summary>
internal static class OpenAIEndpoints
{
    public const string Prefix = "/openai/v1";

    /// <summary>The gateway's form: the public prefix, then the service, then KServe's OpenAI path.</summary>
    public const string PublicPrefix = V1.V1Endpoints.PublicPrefix + "/v1/models/{" + IsvcScopeMiddleware.IsvcRouteKey + "}" + Prefix;

    private const string PublicModels = V1.V1Endpoints.PublicPrefix + "/v1/models";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var prefix in new[] { Prefix, PublicPrefix })
        {
            endpoints.MapPost(prefix + "/embeddings", EmbeddingsAsync);
            endpoints.MapGet(prefix + "/models", ListModels);
            endpoints.MapGet(prefix + "/models/{name}", GetModel);
        }
    }

    /// <summary>True for the OpenAI routes, in either form, whose errors use OpenAI's body.</summary>
    public static bool IsOpenAIPath(PathString path) =>
        path.StartsWithSegments(Prefix, StringComparison.Ordinal)
        || (path.StartsWithSegments(PublicModels, StringComparison.Ordinal) && path.Value!.Contains(Prefix, StringComparison.Ordinal));

    private static async Task EmbeddingsAsync(HttpContext context, InferenceService inference, IOptions<LiftWingServerOptions> options)
    {
        using var doc = await RequestBodyReader.ReadJsonAsync(context, options.Value, context.RequestAborted).ConfigureAwait(false);
        var body = doc.RootElement;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("model", out var m) || m.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(m.GetString()))
        {
            throw new InvalidInputException("'model' is a required property and must be a string.");
        }

        var name = m.GetString()!;
        if (IsvcScope.Of(context) is { } scope && !string.Equals(scope, name, StringComparison.Ordinal))
        {
            // The service the request is addressed to serves one model.
            throw new ModelNotFoundException(name);
        }

        var model = inference.Repository.GetReady(name);
        if (model is not IOpenAIModel { SupportsEmbeddings: true })
        {
            throw new OpenAIModelException($"The model `{name}` does not support embeddings.");
        }

        var request = InferenceRequestFactory.Create(context, name, InferenceProtocol.OpenAI, body);
        var response = await inference.InferAsync(request, context.RequestAborted).ConfigureAwait(false);
        await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
    }

    private static IResult ListModels(HttpContext context, ModelRepository repository, TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var scope = IsvcScope.Of(context);
        var cards = repository.Models
            .Where(m => m.State.IsReady && m is IOpenAIModel { SupportsEmbeddings: true } && (scope is null || m.Config.Name == scope))
            .Select(m => Card(m, now))
            .ToList();
        return Results.Json(new OpenAIModelList("list", cards), OpenAIJsonContext.Default.OpenAIModelList);
    }

    private static IResult GetModel(string name, ModelRepository repository, TimeProvider time) =>
        repository.TryGet(name, out var model) && model is IOpenAIModel { SupportsEmbeddings: true }
            ? Results.Json(Card(model, time.GetUtcNow().ToUnixTimeSeconds()), OpenAIJsonContext.Default.OpenAIModelCard)
            : throw new OpenAIModelException($"The model `{name}` does not exist.");

    private static OpenAIModelCard Card(IModel model, long created) => new(model.Config.Name, "model", created, "liftwing");
}
