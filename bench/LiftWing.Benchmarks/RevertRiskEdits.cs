using System.Text;
using LiftWing.Wiki.Revisions;

namespace LiftWing.Benchmarks;

/// <summary>Builds parent → current revision pairs from real article wikitext.</summary>
internal static class RevertRiskEdits
{
    private const string NewParagraph =
        "In 2019 the town council approved a new museum dedicated to the history of the region. The building, designed by a local " +
        "architect, houses collections of tools, photographs and letters donated by residents.<ref>{{cite news |title=Museum plans " +
        "approved |work=The Local Gazette |date=3 May 2019}}</ref> The museum opened to the public in 2021 and received more than " +
        "[[List of museums|40,000 visitors]] in its first year.";

    /// <summary>A referenced paragraph inserted at the paragraph break nearest the middle.</summary>
    public static RevisionData InsertParagraph(string parent)
    {
        var at = parent.IndexOf("\n\n", parent.Length / 2, StringComparison.Ordinal);
        at = at < 0 ? parent.Length : at;
        return Pair(parent, parent[..at] + "\n\n" + NewParagraph + parent[at..]);
    }

    /// <summary>One word of running text changed near the middle.</summary>
    public static RevisionData ChangeWord(string parent)
    {
        var at = parent.IndexOf(" the ", parent.Length / 2, StringComparison.Ordinal);
        return Pair(parent, parent[..at] + " a " + parent[(at + 5)..]);
    }

    /// <summary>The second half replaced by the start of another article.</summary>
    public static RevisionData RewriteSecondHalf(string parent, string other)
    {
        var half = parent.Length / 2;
        return Pair(parent, parent[..half] + other[..Math.Min(other.Length, half)]);
    }

    private static RevisionData Pair(string parent, string current) => new()
    {
        Id = -1,
        Lang = "en",
        Text = current,
        Timestamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        Bytes = Encoding.UTF8.GetByteCount(current),
        Comment = "expand",
        Page = new PageInfo(1, "Benchmark", new DateTimeOffset(2005, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        Parent = new ParentRevision(1, "en", parent, new DateTimeOffset(2024, 4, 1, 12, 0, 0, TimeSpan.Zero), Encoding.UTF8.GetByteCount(parent)),
        User = new UserInfo { Id = 42, Groups = ["user", "autoconfirmed"] },
    };
}
