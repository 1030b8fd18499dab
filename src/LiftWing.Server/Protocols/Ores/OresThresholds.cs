using System.Collections.Concurrent;
using LiftWing.Core.Models;
using LiftWing.Core.Repository;

namespace LiftWing.Server.Protocols.Ores;

/// <summary>The held-out threshold tables of in-process models (<c>thresholds.json</c> beside model.yaml), read once.</summary>
internal sealed class OresThresholds(ModelRepository repository)
{
    private readonly ConcurrentDictionary<string, ThresholdTable?> _tables = new(StringComparer.Ordinal);

    /// <summary>The table of a catalogue model, or null (upstream models, and models whose card has none).</summary>
    public ThresholdTable? For(OresModelEntry entry)
    {
        var name = entry.Backend switch
        {
            OresBackendKind.LiftWing => entry.LiftWingModel!,
            OresBackendKind.Auto => entry.Isvc,
            _ => null,
        };
        if (name is null || !repository.TryGet(name, out var model))
        {
            return null;
        }

        return _tables.GetOrAdd(model.Config.Name, static (_, dir) =>
        {
            try
            {
                return ThresholdTable.TryLoad(Path.Combine(dir, ThresholdTable.FileName));
            }
            catch (InvalidDataException)
            {
                return null; // a broken table means no threshold queries, not a failed request
            }
        }, model.Config.Directory);
    }
}
