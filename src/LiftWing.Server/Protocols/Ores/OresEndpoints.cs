using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>
/// The ORES v3 API as ores-legacy serves it: <c>/v3/scores[/{context}[/{revid}[/{model}]]]</c> (each with or without
/// a trailing slash), the deprecated v1 routes and <c>/ui</c>. Errors are ORES's own bodies, written here.
/// </summary>
internal static class OresEndpoints
{
    private const string UiMessage = "The UI functionality has been deprecated. For more information visithttps://ores.wikimedia.org/docs which has documentation for the ORES API as well as information on how to contact the ML team";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v3/scores", ListAsync);
        endpoints.MapGet("/v3/scores/{context}", ContextAsync);
        endpoints.MapGet("/v3/scores/{context}/{revid}", RevisionAsync);
        endpoints.MapGet("/v3/scores/{context}/{revid}/{model}", ModelAsync);
        foreach (var prefix in new[] { "/scores", "/v1/scores" })
        {
            foreach (var rest in new[] { "/{context}", "/{context}/{revid}", "/{context}/{revid}/{model}" })
            {
                endpoints.MapGet(prefix + rest, V1Async);
            }
        }

        endpoints.MapGet("/ui", UiAsync);

        // FastAPI's answers for what ores-legacy does not serve: other methods on its routes, other /v3 paths (v3 precache).
        foreach (var pattern in new[] { "/v3/scores", "/v3/scores/{context}", "/v3/scores/{context}/{revid}", "/v3/scores/{context}/{revid}/{model}" })
        {
            endpoints.MapMethods(pattern, ["POST", "PUT", "PATCH", "DELETE"], MethodNotAllowedAsync);
        }

        endpoints.MapMethods("/v3/{**rest}", ["GET", "POST"], NotFoundAsync).WithOrder(1);
    }

    private static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = "GET";
        return OresJson.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, new JsonObject { ["detail"] = "Method Not Allowed" });
    }

    private static Task NotFoundAsync(HttpContext context) =>
        OresJson.WriteAsync(context, StatusCodes.Status404NotFound, new JsonObject { ["detail"] = "Not Found" });

    private static Task ListAsync(HttpContext context) => RunAsync(context, static (h, c) => Task.FromResult(h.List(c.Request.Query)));

    private static Task ContextAsync(HttpContext context) =>
        RunAsync(context, static (h, c) => h.ContextAsync(Route(c, "context"), c.Request, c.RequestAborted));

    private static Task RevisionAsync(HttpContext context) =>
        RunAsync(context, static async (h, c) => await h.RevisionAsync(Route(c, "context"), Route(c, "revid"), c.Request, c.RequestAborted).ConfigureAwait(false));

    private static Task ModelAsync(HttpContext context) =>
        RunAsync(context, static async (h, c) => await h.ModelAsync(Route(c, "context"), Route(c, "revid"), Route(c, "model"), c.Request, c.RequestAborted).ConfigureAwait(false));

    private static Task V1Async(HttpContext context) => RunAsync(context, static (_, _) => throw OresErrors.V1Deprecated());

    private static Task UiAsync(HttpContext context) => RunAsync(context, static (_, _) => Task.FromResult<JsonNode>(JsonValue.Create(UiMessage)));

    private static string Route(HttpContext context, string name) => context.GetRouteValue(name) as string ?? "";

    private static async Task RunAsync(HttpContext context, Func<OresRequestHandler, HttpContext, Task<JsonNode>> handle)
    {
        try
        {
            // ores-legacy's middleware: runs before anything else on every route.
            if (OresQuery.NonEmpty(context.Request.Query, "callback") is not null)
            {
                throw OresErrors.Callback();
            }

            var handler = context.RequestServices.GetRequiredService<OresRequestHandler>();
            var document = await handle(handler, context).ConfigureAwait(false);
            await OresJson.WriteAsync(context, StatusCodes.Status200OK, document).ConfigureAwait(false);
        }
        catch (OresRequestException ex) when (!context.Response.HasStarted)
        {
            await OresJson.WriteAsync(context, ex.StatusCode, ex.Body).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads an answer.
        }
    }
}
