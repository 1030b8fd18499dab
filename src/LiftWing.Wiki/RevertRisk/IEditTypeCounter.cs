namespace LiftWing.Wiki.RevertRisk;

/// <summary>
/// Counts the structural edits between two wikitexts, keyed <c>{action}_{NodeType}</c> (see <see cref="EditTypeNames"/>).
/// Absent keys count as zero. Implemented over the mwedittypes-style differ in <c>LiftWing.Wiki.EditTypes</c>.
/// </summary>
public interface IEditTypeCounter
{
    /// <summary>Counts the edits that turn <paramref name="parent"/> into <paramref name="current"/>.</summary>
    IReadOnlyDictionary<string, int> Count(string parent, string current, string lang, CancellationToken cancellationToken);
}
