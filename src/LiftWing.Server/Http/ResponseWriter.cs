using LiftWing.Core.Inference;
using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Http;

/// <summary>Writes a model's UTF-8 JSON response as is.</summary>
internal static class ResponseWriter
{
    public static Task WriteJsonAsync(HttpContext context, InferenceResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.Cache is { } cache)
        {
            var headers = context.Response.Headers;
            headers["X-Cache"] = cache.Status;
            if (cache.Tier is not null)
            {
                headers["X-Cache-Tier"] = cache.Tier;
            }

            if (cache.Items > 0)
            {
                // Per-item lookups of a batch: "15/20" items came from the cache.
                headers["X-Cache-Items"] = $"{cache.ItemHits}/{cache.Items}";
            }
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = response.Json.Length;
        return context.Response.Body.WriteAsync(response.Json).AsTask();
    }
}
