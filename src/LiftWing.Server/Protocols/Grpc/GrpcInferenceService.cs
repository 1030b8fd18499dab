using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Inference;
using LiftWing.Core.Errors;
using LiftWing.Core.Inference;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Core.Tensors;
using LiftWing.Server.Hosting;
using LiftWing.Server.Http;
using Microsoft.Extensions.Options;

namespace LiftWing.Server.Protocols.Grpc;

/// <summary>
/// KServe's <c>GRPCInferenceService</c> over the same data plane as REST (cache, metrics, timeouts). Tensor models
/// are called directly; JSON-only (V1) models through one BYTES input holding the V1 JSON body, answered as one
/// BYTES output holding the V1 JSON response (Lift Wing's outlink-topic-model convention).
/// </summary>
/// <remarks>
/// Not derived from the generated base: <see cref="GrpcInferenceMethodProvider"/> binds these methods with a request
/// marshaller that answers INVALID_ARGUMENT for bytes that do not parse. The attribute only lets server reflection
/// find the service descriptor; Grpc.AspNetCore's own binder finds no <c>BindService</c> overload for this type.
/// </remarks>
[BindServiceMethod(typeof(GRPCInferenceService), nameof(GRPCInferenceService.BindService))]
internal sealed class GrpcInferenceService(
    InferenceService inference,
    StartupState startup,
    IOptions<LiftWingServerOptions> serverOptions,
    IOptions<RequestLimitsOptions> limits)
{
    private static readonly string[] s_extensions = [ServerIdentity.RepositoryExtension];

    private ModelRepository Repository => inference.Repository;

    public static Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse
        {
            Ready = ModelLookup.ServerReady(startup, Repository),
        });

    public Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        Run(() => Task.FromResult(new ModelReadyResponse { Ready = Find(request.Name, request.Version).State.IsReady }));

    public static Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var response = new ServerMetadataResponse { Name = ServerIdentity.Name, Version = ServerIdentity.Version };
        response.Extensions.AddRange(s_extensions);
        return Task.FromResult(response);
    }

    public Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context) =>
        Run(() =>
        {
            var model = Find(request.Name, request.Version);
            var response = new ModelMetadataResponse { Name = model.Config.Name, Platform = model.Metadata.Platform };
            response.Versions.Add(model.Config.Version);
            response.Inputs.AddRange(model.Metadata.Inputs.Select(Spec));
            response.Outputs.AddRange(model.Metadata.Outputs.Select(Spec));
            return Task.FromResult(response);
        });

    public Task<RepositoryModelLoadResponse> RepositoryModelLoad(RepositoryModelLoadRequest request, ServerCallContext context) =>
        Run(async () =>
        {
            await Repository.LoadReadyAsync(request.ModelName, context.CancellationToken).ConfigureAwait(false);
            return new RepositoryModelLoadResponse { ModelName = request.ModelName, IsLoaded = true };
        });

    public Task<RepositoryModelUnloadResponse> RepositoryModelUnload(RepositoryModelUnloadRequest request, ServerCallContext context) =>
        Run(async () =>
        {
            await Repository.UnloadAsync(request.ModelName, context.CancellationToken).ConfigureAwait(false);
            return new RepositoryModelUnloadResponse { ModelName = request.ModelName, IsUnloaded = true };
        });

    public Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context) =>
        Run(async () =>
        {
            var model = Find(request.ModelName, request.ModelVersion);
            if (!model.State.IsReady)
            {
                throw new ModelNotReadyException(request.ModelName);
            }

            var raw = request.RawInputContents.Count > 0;
            var headers = GrpcHeaders.From(context);
            if (model.Metadata.Inputs.Count == 0)
            {
                return await InferJsonModelAsync(model, request, headers, raw, context.CancellationToken).ConfigureAwait(false);
            }

            var tensors = GrpcTensorConverter.ToRequest(request, limits.Value.MaxV2Elements);
            var response = await inference.InferAsync(
                new InferenceRequest
                {
                    ModelName = model.Config.Name,
                    Protocol = InferenceProtocol.V2,
                    Tensors = tensors,
                    RequestId = headers.RequestId,
                    Headers = headers.Values,
                },
                context.CancellationToken).ConfigureAwait(false);
            return response.Tensors is { } t
                ? GrpcTensorConverter.ToResponse(V2OutputLimit.Check(V2Outputs.Apply(t, tensors), limits.Value.MaxV2OutputElements, limits.Value.MaxV2OutputBytes), raw)
                : JsonAsBytesOutput(model, request.Id, response, raw);
        });

    private async Task<ModelInferResponse> InferJsonModelAsync(IModel model, ModelInferRequest request, GrpcHeaders headers, bool raw, CancellationToken cancellationToken)
    {
        var json = GrpcTensorConverter.SingleBytesElement(request, model.Config.Name);
        using var doc = RequestBodyReader.ParseJson(json, "application/json", serverOptions.Value);
        var response = await inference.InferAsync(
            new InferenceRequest
            {
                ModelName = model.Config.Name,
                Protocol = InferenceProtocol.V1,
                Body = doc.RootElement,
                RequestId = headers.RequestId,
                Headers = headers.Values,
            },
            cancellationToken).ConfigureAwait(false);
        return JsonAsBytesOutput(model, request.Id, response, raw);
    }

    private static ModelInferResponse JsonAsBytesOutput(IModel model, string id, InferenceResponse response, bool raw)
    {
        if (response.StatusCode >= 400)
        {
            throw new LiftWingException(response.StatusCode, ErrorMessage(response.Json));
        }

        var output = new TensorData("output", "BYTES", [1], new[] { System.Text.Encoding.UTF8.GetString(response.Json.Span) });
        var tensors = new InferTensorResponse { ModelName = model.Config.Name, ModelVersion = model.Config.Version, Id = id, Outputs = [output] };
        return GrpcTensorConverter.ToResponse(tensors, raw);
    }

    private static string ErrorMessage(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : doc.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(json.Span);
        }
    }

    private IModel Find(string name, string version) => ModelLookup.Find(Repository, name, version);

    private static ModelMetadataResponse.Types.TensorMetadata Spec(TensorSpec t)
    {
        var m = new ModelMetadataResponse.Types.TensorMetadata { Name = t.Name, Datatype = t.Datatype };
        m.Shape.AddRange(t.Shape);
        return m;
    }

    private static async Task<T> Run<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw GrpcStatusMapper.ToRpcException(ex);
        }
    }
}
