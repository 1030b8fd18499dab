using LiftWing.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as in YARP.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>The connection and body limits (<see cref="RequestLimitsOptions"/>) and request decompression.</summary>
public static class RequestLimitsExtensions
{
    /// <summary>
    /// Binds <c>LiftWing:Limits</c>, applies it to Kestrel (connection count, header deadline) and adds request
    /// decompression (gzip, deflate, br bodies are decoded; the decoded size is held to the body limit by the reader).
    /// </summary>
    public static IServiceCollection AddLiftWingRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration("LiftWing:Limits").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxConcurrentConnections = limits.Value.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = limits.Value.MaxConcurrentConnections;
            kestrel.Limits.RequestHeadersTimeout = limits.Value.RequestHeadersTimeout;
        });
        services.AddRequestDecompression();
        return services;
    }
}
