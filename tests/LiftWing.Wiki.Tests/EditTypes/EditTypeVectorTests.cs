using LiftWing.Wiki.EditTypes;

namespace LiftWing.Wiki.Tests.EditTypes;

public sealed class EditTypeVectorTests
{
    public static IEnumerable<object[]> SimpleVectors() => EditTypeVectors.Simple();

    public static IEnumerable<object[]> StructuredTwinVectors() => EditTypeVectors.StructuredTwins();

    [Theory]
    [MemberData(nameof(SimpleVectors))]
    public void Diff_SummaryVector_MatchesExpectedCountsExactly(int index, string test)
    {
        var v = EditTypeVectors.All[index];
        Assert.Equal(test, v.Test);

        var diff = EditTypeDiffer.Diff(v.Prev, v.Curr, new EditTypeOptions { Language = v.Lang });

        Assert.Equal(Format(v.Expected), Format(diff.ToDictionary()));
    }

    [Theory]
    [MemberData(nameof(StructuredTwinVectors))]
    public void Diff_StructuredDifferVector_GivesTheSimpleDifferResultOfItsTwin(int index, string test)
    {
        // These vectors repeat an earlier vector's input with StructuredEditTypes' answer (moves, section
        // re-alignment), which an order-blind simple differ cannot give; the simple answer is the twin's.
        var v = EditTypeVectors.All[index];
        Assert.Equal(test, v.Test);
        Assert.NotNull(v.SimpleTwin);

        var diff = EditTypeDiffer.Diff(v.Prev, v.Curr, new EditTypeOptions { Language = v.Lang });

        Assert.Equal(Format(v.SimpleTwin!.Expected), Format(diff.ToDictionary()));
        Assert.NotEqual(Format(v.Expected), Format(diff.ToDictionary()));
    }

    [Fact]
    public void Vectors_File_HasTheAcceptanceSet()
    {
        Assert.Equal(28, EditTypeVectors.All.Count);
        Assert.Equal(27, EditTypeVectors.All.Count(static v => !v.XFail));
        Assert.Equal(24, EditTypeVectors.Simple().Count());
        Assert.Equal(3, EditTypeVectors.StructuredTwins().Count());
    }

    private static string Format(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> counts) =>
        string.Join("; ", counts.OrderBy(static kv => kv.Key, StringComparer.Ordinal)
            .Select(static kv => kv.Key + ": " + string.Join(", ", kv.Value.OrderBy(static a => a.Key, StringComparer.Ordinal).Select(static a => a.Key + "=" + a.Value))));
}
