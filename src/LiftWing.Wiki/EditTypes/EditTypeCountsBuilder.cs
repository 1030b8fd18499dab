namespace LiftWing.Wiki.EditTypes;

/// <summary>Accumulates counts for an <see cref="EditTypeCounts"/>.</summary>
internal sealed class EditTypeCountsBuilder
{
    private readonly Dictionary<(string Type, EditAction Action), int> _counts = [];

    public void Add(string type, EditAction action, int count)
    {
        if (count > 0)
        {
            _counts[(type, action)] = _counts.GetValueOrDefault((type, action)) + count;
        }
    }

    public EditTypeCounts Build(bool truncated, bool budgetExhausted) => new(_counts, truncated, budgetExhausted);
}
