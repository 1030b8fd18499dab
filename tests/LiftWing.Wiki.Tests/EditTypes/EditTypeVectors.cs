using System.Text.Json;
using LiftWing.Tests.Common;

namespace LiftWing.Wiki.Tests.EditTypes;

/// <summary>
/// The 28 mwedittypes summary test vectors (<c>edittypes_summary_vectors.json</c>): before/after wikitext
/// and the expected <c>get_diff()</c> counts. Where upstream's test asserts different results for its simple
/// and structured differs on the same input, the file holds both vectors, simple first.
/// </summary>
internal static class EditTypeVectors
{
    private static readonly Lazy<IReadOnlyList<Vector>> s_all = new(Load);

    public static IReadOnlyList<Vector> All => s_all.Value;

    public static string FilePath => TestPaths.SharedData("revertrisk", "edittypes_summary_vectors.json");

    /// <summary>Vectors that state the simple differ's result: not xfail, and not the structured twin of an earlier vector.</summary>
    public static IEnumerable<object[]> Simple() =>
        All.Where(static v => !v.XFail && v.SimpleTwin is null).Select(static v => new object[] { v.Index, v.Test });

    /// <summary>Non-xfail vectors that repeat an earlier vector's input with the structured differ's result.</summary>
    public static IEnumerable<object[]> StructuredTwins() =>
        All.Where(static v => !v.XFail && v.SimpleTwin is not null).Select(static v => new object[] { v.Index, v.Test });

    private static List<Vector> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FilePath));
        var list = new List<Vector>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var expected = new SortedDictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
            foreach (var type in item.GetProperty("expected").EnumerateObject())
            {
                expected[type.Name] = new SortedDictionary<string, int>(
                    type.Value.EnumerateObject().ToDictionary(static a => a.Name, static a => a.Value.GetInt32()), StringComparer.Ordinal);
            }

            var prev = item.GetProperty("prev").GetString()!;
            var curr = item.GetProperty("curr").GetString()!;
            var twin = list.FirstOrDefault(v => v.Prev == prev && v.Curr == curr);
            list.Add(new Vector(
                list.Count,
                item.GetProperty("test").GetString()!,
                item.GetProperty("lang").GetString()!,
                prev,
                curr,
                expected,
                item.GetProperty("xfail").GetBoolean(),
                twin));
        }

        return list;
    }

    internal sealed record Vector(
        int Index,
        string Test,
        string Lang,
        string Prev,
        string Curr,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Expected,
        bool XFail,
        Vector? SimpleTwin);
}
