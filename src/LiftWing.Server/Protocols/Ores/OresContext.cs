namespace LiftWing.Server.Protocols.Ores;

/// <summary>One context of the catalogue with its models in catalogue order.</summary>
internal sealed class OresContext(string name, IReadOnlyList<OresModelEntry> models)
{
    private readonly Dictionary<string, OresModelEntry> _byName = models.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The context name.</summary>
    public string Name { get; } = name;

    /// <summary>Every model, in catalogue order.</summary>
    public IReadOnlyList<OresModelEntry> Models { get; } = models;

    /// <summary>The models a request without <c>models</c> gets (explicit-only ones left out).</summary>
    public IReadOnlyList<OresModelEntry> DefaultModels { get; } = [.. models.Where(m => !m.ExplicitOnly)];

    /// <summary>Looks a model up by its ORES name.</summary>
    public bool TryGet(string model, out OresModelEntry entry) => _byName.TryGetValue(model, out entry!);
}
