using LiftWing.Core.Inference;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>Writes a model's UTF-8 JSON response as is.</summary>
internal static class ResponseWriter
{
    public static Task WriteJsonAsync(HttpContext context, InferenceResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = response.Json.Length;
        return context.Response.Body.WriteAsync(response.Json).AsTask();
    }
}
