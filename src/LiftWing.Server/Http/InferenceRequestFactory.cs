using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Tensors;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>Builds the protocol-agnostic request from an HTTP request.</summary>
internal static class InferenceRequestFactory
{
    public static InferenceRequest Create(HttpContext context, string modelName, InferenceProtocol protocol, JsonElement body, InferTensorRequest? tensors = null)
    {
        // Only the headers a model may use (e.g. cache control) go in; the rest stay at the edge.
        var headers = new ForwardedHeaders(context.Request.Headers);
        return new InferenceRequest
        {
            ModelName = modelName,
            Protocol = protocol,
            Body = body,
            Tensors = tensors,
            RequestId = RequestIdMiddleware.Get(context),
            Headers = headers,
        };
    }
}
