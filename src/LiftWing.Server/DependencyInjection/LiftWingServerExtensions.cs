using LiftWing.Core.Telemetry;
using LiftWing.Server;
using LiftWing.Server.Hosting;
using LiftWing.Server.Http;
using LiftWing.Server.Protocols.OpenAI;
using LiftWing.Server.Protocols.V1;
using LiftWing.Server.Protocols.V2;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddLiftWingServer()</c> / <c>MapLiftWing()</c>.</summary>
public static class LiftWingServerExtensions
{
    /// <summary>Adds the data plane, the HTTP edge options, background model loading and Prometheus metrics.</summary>
    public static IServiceCollection AddLiftWingServer(this IServiceCollection services)
    {
        services.AddLiftWingCore();
        services.AddLiftWingEventsServer();
        services.AddOptions<LiftWingServerOptions>().BindConfiguration("LiftWing:Server").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StartupState>();
        services.AddHostedService<ModelLoaderService>();
        services.AddOptions<HostOptions>().Configure<IOptions<LiftWingServerOptions>>((host, server) => host.ShutdownTimeout = server.Value.ShutdownTimeout);
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(LiftWingMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Adds the request-id middleware and maps every protocol's endpoints plus <c>/metrics</c>.</summary>
    public static WebApplication MapLiftWing(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(static error => error.Run(static ctx =>
            ErrorResponses.WriteAsync(ctx, StatusCodes.Status500InternalServerError, "Internal server error.")));
        app.UseStatusCodePages(static ctx => ctx.HttpContext.Response.HasStarted || ctx.HttpContext.Response.ContentLength > 0
            ? Task.CompletedTask
            : ErrorResponses.WriteAsync(ctx.HttpContext, ctx.HttpContext.Response.StatusCode, StatusMessage(ctx.HttpContext)));
        app.UseMiddleware<RequestIdMiddleware>();
        MapEndpoints(app);
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>Maps the V1, V2 and OpenAI endpoints.</summary>
    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        V1Endpoints.Map(endpoints);
        V2Endpoints.Map(endpoints);
        OpenAIEndpoints.Map(endpoints);
        return endpoints;
    }

    private static string StatusMessage(HttpContext context) => context.Response.StatusCode switch
    {
        404 => $"No route for {context.Request.Method} {context.Request.Path}.",
        405 => $"Method {context.Request.Method} is not allowed on {context.Request.Path}.",
        415 => "Unsupported content type.",
        _ => $"HTTP {context.Response.StatusCode}.",
    };
}
