namespace LiftWing.Core.Models;

/// <summary>A model's readiness with the reason when it is not ready. Immutable, swapped atomically.</summary>
public sealed record ModelState(ModelReadiness Readiness, string? Reason = null)
{
    /// <summary>The state of a model that has not been loaded.</summary>
    public static readonly ModelState Unloaded = new(ModelReadiness.Unloaded, "not loaded");

    /// <summary>The state of a ready model.</summary>
    public static readonly ModelState Ready = new(ModelReadiness.Ready);

    /// <summary>True when the model serves requests.</summary>
    public bool IsReady => Readiness == ModelReadiness.Ready;
}
