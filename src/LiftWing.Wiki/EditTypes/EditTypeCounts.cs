using System.Globalization;

namespace LiftWing.Wiki.EditTypes;

/// <summary>Counts of edit actions per node type between a parent and a current revision.</summary>
public sealed class EditTypeCounts
{
    private static readonly EditAction[] s_featureActions = [EditAction.Change, EditAction.Insert, EditAction.Move, EditAction.Remove];

    private readonly Dictionary<(string Type, EditAction Action), int> _counts;

    internal EditTypeCounts(Dictionary<(string Type, EditAction Action), int> counts, bool truncated, bool budgetExhausted)
    {
        _counts = counts;
        Truncated = truncated;
        ParseBudgetExhausted = budgetExhausted;
    }

    /// <summary>
    /// Feature names of <see cref="ToFeatureVector"/>: <c>{action}_{type}</c> (e.g. <c>insert_Wikilink</c>),
    /// the 88 <c>actions</c> columns of the revert-risk training data in that file's order.
    /// </summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        EditNodeTypes.FeatureTypes.SelectMany(static t => s_featureActions.Select(a => ActionName(a) + "_" + t)).ToArray();

    /// <summary>Whether either wikitext was longer than <see cref="EditTypeOptions.MaxWikitextLength"/> and was cut.</summary>
    public bool Truncated { get; }

    /// <summary>Whether the parser's step budget ran out and part of a page was read as plain text.</summary>
    public bool ParseBudgetExhausted { get; }

    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => _counts.Count == 0;

    /// <summary>Count for a node type and action (0 when absent).</summary>
    public int this[string nodeType, EditAction action] => _counts.GetValueOrDefault((nodeType, action));

    /// <summary>The non-zero counts, ordered by type then action.</summary>
    public IEnumerable<(string NodeType, EditAction Action, int Count)> Entries =>
        _counts.OrderBy(static kv => kv.Key.Type, StringComparer.Ordinal).ThenBy(static kv => kv.Key.Action)
            .Select(static kv => (kv.Key.Type, kv.Key.Action, kv.Value));

    /// <summary>The lower-case action name used in mwedittypes output and feature names.</summary>
    public static string ActionName(EditAction action) => action switch
    {
        EditAction.Change => "change",
        EditAction.Insert => "insert",
        EditAction.Move => "move",
        _ => "remove",
    };

    /// <summary>The mwedittypes <c>get_diff()</c> shape: <c>{type: {action: count}}</c>, non-zero only.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ToDictionary()
    {
        var result = new SortedDictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var group in _counts.GroupBy(static kv => kv.Key.Type, StringComparer.Ordinal))
        {
            result[group.Key] = new SortedDictionary<string, int>(group.ToDictionary(static kv => ActionName(kv.Key.Action), static kv => kv.Value), StringComparer.Ordinal);
        }

        return result;
    }

    /// <summary>
    /// The counts as a fixed-length vector aligned with <see cref="FeatureNames"/>. Types outside the training
    /// layout (<c>Other Tag</c>, <c>Character</c>) are not in it.
    /// </summary>
    public float[] ToFeatureVector()
    {
        var vector = new float[FeatureNames.Count];
        var k = 0;
        foreach (var type in EditNodeTypes.FeatureTypes)
        {
            foreach (var action in s_featureActions)
            {
                vector[k++] = this[type, action];
            }
        }

        return vector;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(", ", Entries.Select(static e => string.Create(CultureInfo.InvariantCulture, $"{e.NodeType}.{ActionName(e.Action)}={e.Count}")));
}
