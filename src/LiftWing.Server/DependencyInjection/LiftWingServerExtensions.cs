using System.Net;
using LiftWing.Core.Caching;
using LiftWing.Core.Configuration;
using LiftWing.Core.Errors;
using LiftWing.Core.Telemetry;
using LiftWing.Server;
using LiftWing.Server.Hosting;
using LiftWing.Server.Http;
using LiftWing.Server.Http.Rejections;
using LiftWing.Server.Protocols.Grpc;
using LiftWing.Server.Protocols.OpenAI;
using LiftWing.Server.Protocols.Ores;
using LiftWing.Server.Protocols.V1;
using LiftWing.Server.Protocols.V2;
using LiftWing.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary><c>AddLiftWingServer()</c> / <c>MapLiftWing()</c>.</summary>
internal static class LiftWingServerExtensions
{
    /// <summary>Adds the data plane, the HTTP edge options, background model loading and Prometheus metrics.</summary>
    public static IServiceCollection AddLiftWingServer(this IServiceCollection services)
    {
        services.AddLiftWingCore();
        services.AddLiftWingEventsServer();
        services.AddLiftWingOptions<LiftWingServerOptions>(LiftWingConfiguration.Server);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LiftWingServerOptions>, IOptions<LiftWingGrpcOptions>>(
            static (kestrel, server, grpc) => ConfigureKestrel(kestrel, server.Value, grpc.Value.Port));
        services.AddLiftWingRequestLimits();
        services.TryAddSingleton<StartupState>();
        services.TryAddSingleton<KestrelRejectionListener>();
        services.AddLiftWingGrpc();
        services.AddExceptionHandler<LiftWingExceptionHandler>();
        services.AddLiftWingGateway();
        services.AddHostedService<ModelLoaderService>();
        services.AddLiftWingOres();
        services.AddLiftWingSlo();
        services.AddOptions<HostOptions>().Configure<IOptions<LiftWingServerOptions>>((host, server) => host.ShutdownTimeout = server.Value.ShutdownTimeout);
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(LiftWingMetrics.MeterName)
            // Kestrel's connection and ASP.NET Core's unhandled-exception meters. Not the routing and rate-limiting
            // meters the AspNetCore instrumentation package would add too: five more measurements on every request
            // for numbers LiftWing already has (liftwing_requests, the gateway's 429s in liftwing_edge_request_seconds).
            .AddMeter(AspNetCoreMeters)
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        // Hosting's per-request duration and active-request meter only when asked for (LiftWing:Server:HttpServerMetrics):
        // on a cached answer it was about a tenth of the server's own CPU per request.
        services.ConfigureOpenTelemetryMeterProvider(static (sp, metrics) =>
        {
            if (sp.GetRequiredService<IOptions<LiftWingServerOptions>>().Value.HttpServerMetrics)
            {
                metrics.AddMeter(HostingMeter);
            }
        });
        return services;
    }

    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"];

    private const string HostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>
    /// Builds the pipeline (cached-hit lane, routing, SLO, errors, request id, gateway) and maps every protocol's
    /// endpoints plus <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapLiftWing(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<IOptions<PredictionCacheOptions>>()?.Value.Store is { } store && store != CacheStoreKind.None)
        {
            // Ahead of routing and everything else: a cached V1 answer costs less than the pipeline in front of it.
            app.UseMiddleware<CachedHitLane>();
        }

        // Explicit, so that routing comes after the lane (WebApplication would otherwise put it first).
        app.UseRouting();
        app.UseLiftWingSlo();
        // The one exception-to-response path: LiftWingExceptionHandler maps, logs and writes every error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Only reached if the handler itself declines (it never does): still no details to the client.
            ExceptionHandler = static ctx => ErrorResponses.WriteAsync(ctx, StatusCodes.Status500InternalServerError, ErrorTable.InternalServerError),
            // The handler logs each 5xx once, with the request id; the middleware's own log line would be a second.
            SuppressDiagnosticsCallback = static _ => true,
        });
        app.UseMiddleware<StatusBodyMiddleware>();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseRequestDecompression();
        app.UseLiftWingGateway();
        // Lift Wing's service selection (Host <model>.<namespace>.wikimedia.org, the gateway's OpenAI route).
        app.UseMiddleware<IsvcScopeMiddleware>();
        MapEndpoints(app);
        app.MapLiftWingGrpc();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>Maps the V1, V2, OpenAI and ORES endpoints.</summary>
    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        V1Endpoints.Map(endpoints);
        V2Endpoints.Map(endpoints);
        OpenAIEndpoints.Map(endpoints);
        OresEndpoints.Map(endpoints);
        return endpoints;
    }

    // The per-request limit is applied when the body is read; this is Kestrel's hard ceiling.
    private const long KestrelBodyCeiling = 64 * 1024 * 1024;

    private static void ConfigureKestrel(KestrelServerOptions kestrel, LiftWingServerOptions server, int grpcPort)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = Math.Max(KestrelBodyCeiling, server.MaxRequestBodyBytes);
        Listen(kestrel, server.Host, server.Port, HttpProtocols.Http1AndHttp2, errorBodies: true);
        if (grpcPort > 0)
        {
            // Cleartext has no ALPN to negotiate HTTP/2, so gRPC (h2c) gets a port of its own, as in KServe.
            Listen(kestrel, server.Host, grpcPort, HttpProtocols.Http2);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols, bool errorBodies = false)
    {
        void Configure(ListenOptions o)
        {
            o.Protocols = protocols;
            if (errorBodies)
            {
                // Kestrel's own 400/408/414/431 responses get the JSON error body too (HTTP/1 only).
                o.UseKestrelErrorBodies();
            }
        }

        switch (host)
        {
            case "localhost":
                kestrel.ListenLocalhost(port, Configure);
                break;
            case "*":
                kestrel.ListenAnyIP(port, Configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(host), port, Configure);
                break;
        }
    }
}
