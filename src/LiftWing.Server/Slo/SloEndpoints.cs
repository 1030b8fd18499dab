using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiftWing.Server.Slo;

/// <summary><c>GET /slo</c> (JSON) and <c>GET /dashboard</c> (HTML), both computed in-process from the same counts.</summary>
internal static class SloEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        MapReport(endpoints, "/slo", "application/json", static async (ctx, report) =>
        {
            await using var w = new Utf8JsonWriter(ctx.Response.BodyWriter);
            SloJson.Write(w, report);
            await w.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
        });
        MapReport(endpoints, "/dashboard", "text/html; charset=utf-8", static (ctx, report) =>
            ctx.Response.WriteAsync(SloDashboardPage.Render(report), ctx.RequestAborted));
    }

    private static void MapReport(IEndpointRouteBuilder endpoints, string path, string contentType, Func<HttpContext, SloReport, Task> write) =>
        endpoints.MapGet(path, async (HttpContext ctx) =>
        {
            SloReport report;
            try
            {
                report = await ctx.RequestServices.GetRequiredService<SloReporter>().BuildAsync(ctx.RequestAborted).ConfigureAwait(false);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                // A store that cannot be read (disk full, file locked too long) is a 503 naming it; the server keeps serving.
                await Http.ErrorResponses.WriteAsync(ctx, StatusCodes.Status503ServiceUnavailable, $"The SLO store cannot be read: {e.Message}").ConfigureAwait(false);
                return;
            }

            ctx.Response.ContentType = contentType;
            ctx.Response.Headers.CacheControl = "no-store";
            await write(ctx, report).ConfigureAwait(false);
        });
}
