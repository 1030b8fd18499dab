using LiftWing.Core.Errors;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;
using LiftWing.Server.Hosting;

namespace LiftWing.Server.Protocols;

/// <summary>Model lookup and server readiness shared by the V2 REST and gRPC adapters.</summary>
internal static class ModelLookup
{
    /// <summary>The model, or KServe's not-found errors for an unknown name or version (empty version: any).</summary>
    public static IModel Find(ModelRepository repository, string name, string? version)
    {
        if (!repository.TryGet(name, out var model))
        {
            throw new ModelNotFoundException(name);
        }

        if (!string.IsNullOrEmpty(version) && version != model.Config.Version)
        {
            throw new LiftWingException(ErrorKind.NotFound, $"Model with name {name} version {version} does not exist.");
        }

        return model;
    }

    /// <summary>
    /// The server readiness of <c>/v2/health/ready</c> (<see cref="ReadinessReport"/>): start-up loading has
    /// finished and every model marked <c>required</c> is ready; optional models report themselves on their own readiness.
    /// </summary>
    public static bool ServerReady(StartupState startup, ModelRepository repository) =>
        ReadinessReport.Evaluate(startup, repository, null).Ready;
}
