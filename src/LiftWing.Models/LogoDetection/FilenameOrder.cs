using System.Text;

namespace LiftWing.Models.LogoDetection;

/// <summary>
/// The order Lift Wing answers in: it writes each image to <c>tempdir/&lt;filename&gt;</c> in input order (a later
/// duplicate overwrites an earlier one) and Keras reads the folder back sorted by file name (Python's code-point
/// order). So: one instance per file name, the last one sent, sorted by code point.
/// </summary>
internal static class FilenameOrder
{
    /// <summary>The instances Lift Wing would answer, in its order.</summary>
    public static IReadOnlyList<LogoInstance> Apply(IReadOnlyList<LogoInstance> instances)
    {
        var last = new Dictionary<string, LogoInstance>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            last[instance.Filename] = instance;
        }

        var result = last.Values.ToList();
        result.Sort(static (a, b) => CompareCodePoints(a.Filename, b.Filename));
        return result;
    }

    // Python compares str by code point; UTF-16 ordinal order differs only where a surrogate pair meets U+E000..U+FFFF.
    internal static int CompareCodePoints(string a, string b)
    {
        var x = a.EnumerateRunes();
        var y = b.EnumerateRunes();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX.CompareTo(hasY);
            }

            var c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
