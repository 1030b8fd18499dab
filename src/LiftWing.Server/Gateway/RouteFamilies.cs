using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Gateway;

/// <summary>Which gateway route family a request belongs to: the rate-limited predictions, or the admin plane.</summary>
internal static class RouteFamilies
{
    /// <summary>
    /// Prediction routes, which the gateway's LiftWing policy covers: V1 <c>:predict</c> (with or without the
    /// public prefix), V2 <c>/infer</c> and the OpenAI-compatible routes (also under the gateway's
    /// <c>/service/lw/inference/v1/models/{isvc}/openai/v1</c>).
    /// </summary>
    public static bool IsPrediction(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "";
        return path.EndsWith(":predict", StringComparison.Ordinal)
            || (path.StartsWith("/v2/models/", StringComparison.Ordinal) && path.EndsWith("/infer", StringComparison.Ordinal))
            || path.StartsWith("/openai/", StringComparison.Ordinal)
            || (path.StartsWith("/service/lw/inference/v1/models/", StringComparison.Ordinal) && path.Contains("/openai/", StringComparison.Ordinal));
    }

    /// <summary>Routes that change or reveal the server: the V2 repository extension and (optionally) <c>/metrics</c>.</summary>
    public static bool IsAdmin(PathString path, bool protectMetrics) =>
        path.StartsWithSegments("/v2/repository", StringComparison.OrdinalIgnoreCase)
        || (protectMetrics && path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase));
}
