using LiftWing.Core.Errors;
using LiftWing.Core.Repository;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiftWing.Server.Routing;

/// <summary>
/// Runs after routing: addresses the request to one model when its Host (<see cref="HostRouting"/>) or its route's
/// <c>isvc</c> value names one, and then answers a path naming another model as KServe in that service would:
/// 404 <c>Model with name X does not exist.</c>
/// </summary>
internal sealed class IsvcScopeMiddleware(RequestDelegate next, ModelRepository repository)
{
    public const string IsvcRouteKey = "isvc";
    public const string NameRouteKey = "name";

    public Task InvokeAsync(HttpContext context)
    {
        var scope = context.GetRouteValue(IsvcRouteKey) is string isvc
            ? Served(isvc)
            : HostRouting.Select(context.Request.Host.Value, repository);
        if (scope is null)
        {
            return next(context);
        }

        IsvcScope.Set(context, scope);
        if (context.GetRouteValue(NameRouteKey) is string name && !string.Equals(name, scope, StringComparison.Ordinal))
        {
            throw new ModelNotFoundException(name);
        }

        return next(context);
    }

    // The gateway's OpenAI route names the service in the path; a service that does not exist has no model.
    private string Served(string isvc) => repository.TryGet(isvc, out var model) ? model.Config.Name : throw new ModelNotFoundException(isvc);
}
