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
        endpoints.MapGet("/slo", static async (HttpContext ctx) =>
        {
            var report = await BuildAsync(ctx).ConfigureAwait(false);
            if (report is null)
            {
                return;
            }

            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers.CacheControl = "no-store";
            await using var w = new Utf8JsonWriter(ctx.Response.BodyWriter);
            SloJson.Write(w, report);
            await w.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapGet("/dashboard", static async (HttpContext ctx) =>
        {
            var report = await BuildAsync(ctx).ConfigureAwait(false);
            if (report is null)
            {
                return;
            }

            ctx.Response.ContentType = "text/html; charset=utf-8";
            ctx.Response.Headers.CacheControl = "no-store";
            await ctx.Response.WriteAsync(SloDashboardPage.Render(report), ctx.RequestAborted).ConfigureAwait(false);
        });
    }

    // A store that cannot be read (disk full, file locked too long) is a 503 naming it; the server keeps serving.
    private static async Task<SloReport?> BuildAsync(HttpContext ctx)
    {
        try
        {
            return await ctx.RequestServices.GetRequiredService<SloReporter>().BuildAsync(ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            await Http.ErrorResponses.WriteAsync(ctx, StatusCodes.Status503ServiceUnavailable, $"The SLO store cannot be read: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
