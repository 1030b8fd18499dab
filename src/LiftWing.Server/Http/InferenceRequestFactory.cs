using System.Text.Json;
using LiftWing.Core.Inference;
using LiftWing.Core.Tensors;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>Builds the protocol-agnostic request from an HTTP request.</summary>
internal static class InferenceRequestFactory
{
    // Headers a model may use (e.g. cache control); the rest stay at the edge.
    private static readonly string[] s_forwarded = ["cache-control", "user-agent", "content-type", "x-client-ip"];

    public static InferenceRequest Create(HttpContext context, string modelName, InferenceProtocol protocol, JsonElement body, InferTensorRequest? tensors = null)
    {
        var headers = new Dictionary<string, string>(s_forwarded.Length, StringComparer.OrdinalIgnoreCase); // sized once: no regrowth
        foreach (var h in s_forwarded)
        {
            if (context.Request.Headers.TryGetValue(h, out var v))
            {
                headers[h] = v.ToString();
            }
        }

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
