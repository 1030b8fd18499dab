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
    /// Ready once start-up loading has finished and nothing is still loading; failed models report themselves on
    /// their own readiness so one broken model does not take the server out of rotation.
    /// </summary>
    public static bool ServerReady(StartupState startup, ModelRepository repository) =>
        startup.LoadingFinished && repository.Models.All(m => m.State.Readiness != ModelReadiness.Loading);
}
