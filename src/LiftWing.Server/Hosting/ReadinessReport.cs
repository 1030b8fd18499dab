using LiftWing.Core.Caching;
using LiftWing.Core.Repository;
using LiftWing.Server.Protocols.V2;

namespace LiftWing.Server.Hosting;

/// <summary>
/// <c>/v2/health/ready</c> for load balancers: not ready (503) until start-up loading has finished and while any model
/// marked <c>required</c> (the default) is not ready, with the reasons in the body. The cache store's health is
/// reported too; a broken store does not make the server unready (predictions are served uncached).
/// </summary>
internal static class ReadinessReport
{
    public static V2Ready Evaluate(StartupState startup, ModelRepository repository, PredictionCache? cache)
    {
        var reasons = new List<string>();
        if (!startup.LoadingFinished)
        {
            reasons.Add("models are still loading");
        }

        foreach (var m in repository.Models)
        {
            if (m.Config.Required && !m.State.IsReady)
            {
                reasons.Add($"model {m.Config.Name} is not ready: {m.State.Reason ?? m.State.Readiness.ToString()}");
            }
        }

        // An unloaded model is gone from the repository (404, as KServe) but, if required, still keeps the server out of rotation.
        foreach (var config in repository.Unloaded)
        {
            if (config.Required)
            {
                reasons.Add($"model {config.Name} is not ready: unloaded");
            }
        }

        V2CacheHealth? health = null;
        if (cache is not null)
        {
            var (status, reason) = cache.StoreHealth;
            health = new V2CacheHealth(cache.Store?.Name ?? "memory", status, reason);
        }

        return new V2Ready(reasons.Count == 0, reasons.Count == 0 ? null : reasons, health);
    }
}
