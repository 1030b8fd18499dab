using Microsoft.AspNetCore.Http;

namespace LiftWing.Server.Routing;

/// <summary>
/// The one model a request is addressed to, as Lift Wing's routing picks an inference service before KServe sees the
/// path: from <c>Host: &lt;model&gt;.&lt;namespace&gt;.wikimedia.org</c>, or from the gateway's OpenAI route
/// <c>/service/lw/inference/v1/models/&lt;model&gt;/openai/v1/…</c>. Another model named in the path or body is one that
/// service does not have.
/// </summary>
internal sealed class IsvcScope(string model)
{
    /// <summary>The model the service serves.</summary>
    public string Model { get; } = model;

    /// <summary>The scope of a request, or null when the request is not addressed to one service.</summary>
    public static string? Of(HttpContext context) => context.Features.Get<IsvcScope>()?.Model;

    /// <summary>Addresses the request to one model.</summary>
    public static void Set(HttpContext context, string model) => context.Features.Set(new IsvcScope(model));
}
