using System.Text.Json;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.OpenAI;

/// <summary>
/// OpenAI-compatible routes (KServe's <c>/openai</c> prefix): <c>POST /openai/v1/embeddings</c>, routed by the
/// body's <c>model</c> to an <see cref="IOpenAIModel"/>, and <c>GET /openai/v1/models[/{name}]</c>. The model
/// validates the request and writes the response; this adapter only routes and writes OpenAI's error shape.
/// </summary>
internal static class OpenAIEndpoints
{
    public const string Prefix = "/openai/v1";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Prefix + "/embeddings", EmbeddingsAsync);
        endpoints.MapGet(Prefix + "/models", ListModels);
        endpoints.MapGet(Prefix + "/models/{name}", GetModelAsync);
    }

    private static async Task EmbeddingsAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var inference = services.GetRequiredService<InferenceService>();
        var options = services.GetRequiredService<IOptions<LiftWingServerOptions>>().Value;
        try
        {
            using var doc = await RequestBodyReader.ReadJsonAsync(context, options, context.RequestAborted).ConfigureAwait(false);
            var body = doc.RootElement;
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("model", out var m) || m.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(m.GetString()))
            {
                throw new InvalidInputException("'model' is a required property and must be a string.");
            }

            var name = m.GetString()!;
            var model = inference.Repository.GetReady(name);
            if (model is not IOpenAIModel { SupportsEmbeddings: true })
            {
                await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"The model `{name}` does not support embeddings.", "model").ConfigureAwait(false);
                return;
            }

            var request = InferenceRequestFactory.Create(context, name, InferenceProtocol.OpenAI, body);
            var response = await inference.InferAsync(request, context.RequestAborted).ConfigureAwait(false);
            await ResponseWriter.WriteJsonAsync(context, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            var (status, message) = ErrorTable.Map(ex);
            await WriteErrorAsync(context, status, message, ex is ModelNotFoundException ? "model" : null).ConfigureAwait(false);
        }
    }

    private static IResult ListModels(ModelRepository repository, TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var cards = repository.Models
            .Where(m => m.State.IsReady && m is IOpenAIModel { SupportsEmbeddings: true })
            .Select(m => Card(m, now))
            .ToList();
        return Results.Json(new OpenAIModelList("list", cards), OpenAIJsonContext.Default.OpenAIModelList);
    }

    private static async Task GetModelAsync(HttpContext context, string name, ModelRepository repository, TimeProvider time)
    {
        if (!repository.TryGet(name, out var model) || model is not IOpenAIModel { SupportsEmbeddings: true })
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, $"The model `{name}` does not exist.", "model").ConfigureAwait(false);
            return;
        }

        await Results.Json(Card(model, time.GetUtcNow().ToUnixTimeSeconds()), OpenAIJsonContext.Default.OpenAIModelCard).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static OpenAIModelCard Card(IModel model, long created) => new(model.Config.Name, "model", created, "liftwing");

    private static Task WriteErrorAsync(HttpContext context, int status, string message, string? param)
    {
        var type = status switch
        {
            400 or 413 or 415 or 422 => "invalid_request_error",
            404 => "not_found_error",
            503 => "service_unavailable_error",
            504 => "timeout_error",
            _ => "internal_server_error",
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new OpenAIErrorBody(new OpenAIError(message, type, param, status.ToString(System.Globalization.CultureInfo.InvariantCulture))), OpenAIJsonContext.Default.OpenAIErrorBody);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}
