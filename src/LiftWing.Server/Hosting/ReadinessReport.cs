using LiftWing.Core.Caching;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;

namespace LiftWing.Server.Hosting;

/// <summary>
/// <c>/v2/health/ready</c> for load balancers: not ready (503) until start-up loading has finished and while any
/// model marked <c>required</c> (the default) is not ready, with the reasons in the body. The cache store's
/// health is reported too; a broken store does not make the server unready (predictions are served uncached).
/// </summary>
internal static class ReadinessReport
{
    public static (bool Ready, Dictionary<string, object?> Body) Evaluate(StartupState startup, ModelRepository repository, PredictionCache? cache)
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

        var ready = reasons.Count == 0;
        var body = new Dictionary<string, object?> { ["ready"] = ready };
        if (!ready)
        {
            body["reasons"] = reasons;
        }

        if (cache is not null)
        {
            var (status, reason) = cache.StoreHealth;
            body["cache"] = reason is null
                ? new Dictionary<string, string> { ["store"] = cache.Store?.Name ?? "memory", ["status"] = status }
                : new Dictionary<string, string> { ["store"] = cache.Store?.Name ?? "memory", ["status"] = status, ["reason"] = reason };
        }

        return (ready, body);
    }
}
