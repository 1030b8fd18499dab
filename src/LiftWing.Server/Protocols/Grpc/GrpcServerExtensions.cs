using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using LiftWing.Core.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>Registers and maps the Open Inference Protocol gRPC service and server reflection.</summary>
internal static class GrpcServerExtensions
{
    public static IServiceCollection AddLiftWingGrpc(this IServiceCollection services)
    {
        services.AddLiftWingOptions<LiftWingGrpcOptions>(LiftWingConfiguration.Grpc);
        services.AddGrpc();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<LiftWingGrpcOptions>>((grpc, lw) =>
        {
            grpc.MaxReceiveMessageSize = lw.Value.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = lw.Value.MaxSendMessageBytes;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<GrpcInferenceService>, GrpcInferenceMethodProvider>());
        services.AddGrpcReflection();
        return services;
    }

    public static IEndpointRouteBuilder MapLiftWingGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<GrpcInferenceService>();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
