using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Inference;
using Microsoft.AspNetCore.Routing;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// Binds every RPC of <see cref="GrpcInferenceService"/> with the generated method but a
/// <see cref="StrictRequestMarshaller"/>, so a request that is not valid protobuf answers INVALID_ARGUMENT, not UNKNOWN.
/// An RPC missing here answers UNIMPLEMENTED (Grpc.AspNetCore's fallback for the service's unknown methods).
/// </summary>
internal sealed class GrpcInferenceMethodProvider : IServiceMethodProvider<GrpcInferenceService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<GrpcInferenceService> context)
    {
        var generated = GeneratedMethodCollector.Collect();
        Add<ServerLiveRequest, ServerLiveResponse>(context, generated, nameof(GrpcInferenceService.ServerLive), (_, r, c) => GrpcInferenceService.ServerLive(r, c));
        Add<ServerReadyRequest, ServerReadyResponse>(context, generated, nameof(GrpcInferenceService.ServerReady), (s, r, c) => s.ServerReady(r, c));
        Add<ModelReadyRequest, ModelReadyResponse>(context, generated, nameof(GrpcInferenceService.ModelReady), (s, r, c) => s.ModelReady(r, c));
        Add<ServerMetadataRequest, ServerMetadataResponse>(context, generated, nameof(GrpcInferenceService.ServerMetadata), (_, r, c) => GrpcInferenceService.ServerMetadata(r, c));
        Add<ModelMetadataRequest, ModelMetadataResponse>(context, generated, nameof(GrpcInferenceService.ModelMetadata), (s, r, c) => s.ModelMetadata(r, c));
        Add<ModelInferRequest, ModelInferResponse>(context, generated, nameof(GrpcInferenceService.ModelInfer), (s, r, c) => s.ModelInfer(r, c));
        Add<RepositoryModelLoadRequest, RepositoryModelLoadResponse>(context, generated, nameof(GrpcInferenceService.RepositoryModelLoad), (s, r, c) => s.RepositoryModelLoad(r, c));
        Add<RepositoryModelUnloadRequest, RepositoryModelUnloadResponse>(context, generated, nameof(GrpcInferenceService.RepositoryModelUnload), (s, r, c) => s.RepositoryModelUnload(r, c));
    }

    private static void Add<TRequest, TResponse>(
        ServiceMethodProviderContext<GrpcInferenceService> context,
        GeneratedMethodCollector generated,
        string name,
        UnaryServerMethod<GrpcInferenceService, TRequest, TResponse> invoker)
        where TRequest : class
        where TResponse : class
    {
        var method = generated.Get<TRequest, TResponse>(name);
        var messageName = GRPCInferenceService.Descriptor.FindMethodByName(name).InputType.FullName;
        var strict = new Method<TRequest, TResponse>(
            method.Type, method.ServiceName, method.Name, StrictRequestMarshaller.Wrap(method.RequestMarshaller, messageName), method.ResponseMarshaller);

        // The same routing metadata Grpc.AspNetCore's own binder gives a unary method.
        context.AddUnaryMethod(strict, [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)], invoker);
    }
}
