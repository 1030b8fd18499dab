namespace LiftWing.Server.Slo;

/// <summary>
/// Models that share one objective, and the PromQL label matcher that selects them (the defaults' set excludes every
/// model with its own objective). Rules are generated once per set.
/// </summary>
/// <param name="Id">A short id for group names (<c>default</c>, <c>1</c>, …).</param>
/// <param name="Objective">The shared objective.</param>
/// <param name="Matcher">The <c>model_name</c> matcher, or empty for all models.</param>
internal sealed record SloRuleSet(string Id, SloObjective Objective, string Matcher)
{
    /// <summary>The sets for these options: the defaults first, then one per distinct overriding objective.</summary>
    public static IReadOnlyList<SloRuleSet> For(SloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new SloObjective(options.Availability, options.Latency, options.LatencyThreshold);
        var own = options.Models.Keys.Where(m => options.For(m) != defaults).Order(StringComparer.Ordinal).ToList();
        var sets = new List<SloRuleSet> { new("default", defaults, own.Count == 0 ? "" : $"model_name!~\"{Alternation(own)}\"") };
        var i = 0;
        foreach (var group in own.GroupBy(options.For))
        {
            sets.Add(new SloRuleSet((++i).ToString(System.Globalization.CultureInfo.InvariantCulture), group.Key, $"model_name=~\"{Alternation(group)}\""));
        }

        return sets;
    }

    // Model names are validated to [A-Za-z0-9._-]; only the dot is special in a regex (doubled backslash: PromQL string).
    private static string Alternation(IEnumerable<string> models) => string.Join('|', models.Select(m => m.Replace(".", "\\\\.", StringComparison.Ordinal)));
}
