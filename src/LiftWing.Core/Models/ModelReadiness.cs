namespace LiftWing.Core.Models;

/// <summary>Where a model is in its life cycle.</summary>
public enum ModelReadiness
{
    /// <summary>Defined, not loaded yet.</summary>
    Unloaded,

    /// <summary>Loading its artifacts.</summary>
    Loading,

    /// <summary>Serving.</summary>
    Ready,

    /// <summary>Loading failed; <see cref="ModelState.Reason"/> says why.</summary>
    Failed,
}
