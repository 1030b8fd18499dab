using LiftWing.Wiki.EditTypes;

namespace LiftWing.Wiki.RevertRisk;

/// <summary><see cref="IEditTypeCounter"/> over this project's mwedittypes port (<see cref="EditTypeDiffer"/>).</summary>
public sealed class MwEditTypeCounter : IEditTypeCounter
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, int> Count(string parent, string current, string lang, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = EditTypeDiffer.Diff(parent, current, new EditTypeOptions { Language = lang });
        var vector = counts.ToFeatureVector();
        var result = new Dictionary<string, int>(vector.Length, StringComparer.Ordinal);
        for (var i = 0; i < vector.Length; i++)
        {
            if (vector[i] != 0)
            {
                result[EditTypeCounts.FeatureNames[i]] = (int)vector[i];
            }
        }

        return result;
    }
}
