namespace LiftWing.Core.Events;

/// <summary>Per-model event settings (<c>LiftWing:Events:Models:&lt;model&gt;</c>).</summary>
public sealed class ModelEventOptions
{
    /// <summary>Whether the model emits (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The stream (<c>meta.stream</c>); null: the model's Lift Wing stream.</summary>
    public string? Stream { get; set; }

    /// <summary>The <c>$schema</c>; null: <see cref="EventsOptions.Schema"/>.</summary>
    public string? Schema { get; set; }

    /// <summary>The changeprop match rule; null: the model's Lift Wing rule.</summary>
    public PageChangeMatch? Match { get; set; }
}
