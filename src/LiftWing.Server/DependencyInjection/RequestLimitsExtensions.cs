using LiftWing.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The connection and body limits (<see cref="RequestLimitsOptions"/>), request decompression and the heap limit (<see cref="MemoryOptions"/>).</summary>
internal static class RequestLimitsExtensions
{
    /// <summary>
    /// Binds <c>LiftWing:Limits</c>, applies it to Kestrel (connection count, header deadline) and adds request
    /// decompression (gzip, deflate, br bodies are decoded; the decoded size is held to the body limit by the reader).
    /// </summary>
    public static IServiceCollection AddLiftWingRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(LiftWing.Core.Configuration.LiftWingConfiguration.Limits).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxConcurrentConnections = limits.Value.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = limits.Value.MaxConcurrentConnections;
            kestrel.Limits.RequestHeadersTimeout = limits.Value.RequestHeadersTimeout;
            // Non-ASCII header bytes are read as Latin-1 instead of failing the request with an empty 400, so the
            // request reaches LiftWing (a non-ASCII x-request-id is then replaced, never echoed).
            kestrel.RequestHeaderEncodingSelector = static _ => System.Text.Encoding.Latin1;
        });
        services.AddRequestDecompression();
        services.AddOptions<MemoryOptions>().BindConfiguration(LiftWing.Core.Configuration.LiftWingConfiguration.Memory).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<LiftWing.Server.Hosting.HeapLimitService>();
        services.AddHostedService<LiftWing.Server.Hosting.IdleMemoryTrimmer>();
        return services;
    }
}
