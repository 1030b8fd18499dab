using System.Text.Json;
using System.Text.RegularExpressions;
using LiftWing.Core.Processes;
using LiftWing.FunctionalTests.Infrastructure;
using LiftWing.Tests.Common;

namespace LiftWing.FunctionalTests.Slo;

/// <summary>
/// <c>liftwing slo rules</c> run as a process; its output checked by <c>promtool check rules</c> and unit-tested by
/// <c>promtool test rules</c> (Debian <c>prometheus</c>, installed by scripts/setup/slo.sh) against the suites in
/// Slo/promtool: counter resets and restarts, the quarter's first day, no series or no traffic, a fast burn.
/// </summary>
public sealed partial class SloPromtoolTests : IDisposable
{
    private static readonly string s_suites = Path.Combine(TestPaths.RepoRoot, "tests", "LiftWing.FunctionalTests", "Slo", "promtool");
    private readonly string _dir = Directory.CreateTempSubdirectory("lw-promtool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Rules_PassPromtoolCheckAndUnitTests()
    {
        await GenerateAsync("--interval", "30s");
        await PromtoolAsync("check", "rules", "rules.yaml");
        await PromtoolAsync("test", "rules", Copy("slo-rules.test.yaml"));
    }

    [Fact]
    public async Task QuarterBudget_StartsAtFullOnTheQuartersFirstDay()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "slo.json"), """{"LiftWing":{"Slo":{"RollingWindow":"2.00:00:00"}}}""");
        await GenerateAsync("--config", "slo.json", "--interval", "2h", "--quarter-step", "2h");
        await PromtoolAsync("test", "rules", Copy("slo-quarter.test.yaml"));
    }

    [Fact]
    public async Task Rules_PerModelObjectives_SelectDisjointModels()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "slo.json"),
            """{"LiftWing":{"Slo":{"Models":{"langid":{"LatencyThreshold":"00:00:00.25"},"revertrisk-language-agnostic":{"Availability":0.999}}}}}""");
        var rules = await GenerateAsync("--config", "slo.json");
        await PromtoolAsync("check", "rules", "rules.yaml");
        Assert.Contains("model_name!~\"langid|revertrisk-language-agnostic\"", rules, StringComparison.Ordinal);
        Assert.Contains("{model_name=~\"langid\",code=~\"2..\",le=\"0.25\"}", rules, StringComparison.Ordinal);
        Assert.Contains("/ 0.001", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grafana_EveryQueriedRecordingRuleIsGenerated()
    {
        var rules = await GenerateAsync();
        var (code, json, err) = await CliRunner.RunAsync(_dir, null, TimeSpan.FromMinutes(1), "slo", "grafana");
        Assert.True(code == 0, err);
        var dashboard = JsonDocument.Parse(json).RootElement;
        var exprs = dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(exprs.Count >= 10);
        var recorded = RecordName().Matches(rules).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var name in exprs.SelectMany(e => SeriesName().Matches(e).Select(m => m.Value)))
        {
            Assert.Contains(name, recorded);
        }
    }

    [Fact]
    public async Task Rules_InvalidObjective_Exit2NamingTheKey()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "slo.json"), """{"LiftWing":{"Slo":{"Availability":1.5,"Models":{"bad name":{"Latency":0.9}}}}}""");
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, TimeSpan.FromMinutes(1), "slo", "rules", "--config", "slo.json");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("LiftWing:Slo:Availability must be between 0 and 1", stderr, StringComparison.Ordinal);
        Assert.Contains("invalid model name 'bad name'", stderr, StringComparison.Ordinal);
    }

    private async Task<string> GenerateAsync(params string[] args)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(_dir, null, TimeSpan.FromMinutes(1), ["slo", "rules", .. args]);
        Assert.True(code == 0, stderr);
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules.yaml"), stdout);
        return stdout;
    }

    private string Copy(string suite)
    {
        File.Copy(Path.Combine(s_suites, suite), Path.Combine(_dir, suite));
        return suite;
    }

    private async Task PromtoolAsync(params string[] args)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await ProcessRunner.RunAsync("promtool", args, _dir, cts.Token);
    }

    [GeneratedRegex(@"- record: (\S+)")]
    private static partial Regex RecordName();

    [GeneratedRegex(@"liftwing:[a-z_]+:[a-z0-9_]+")]
    private static partial Regex SeriesName();
}
