namespace LiftWing.Server.Protocols.Ores;

/// <summary>The contexts and models the ORES API serves (see <c>ores-catalogue.yaml</c>).</summary>
internal sealed class OresCatalogue(IReadOnlyList<OresContext> contexts)
{
    private readonly Dictionary<string, OresContext> _byName = contexts.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>Every context, in catalogue order.</summary>
    public IReadOnlyList<OresContext> Contexts { get; } = contexts;

    /// <summary>Looks a context up.</summary>
    public bool TryGet(string context, out OresContext found) => _byName.TryGetValue(context, out found!);
}
