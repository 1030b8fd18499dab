using LiftWing.Core.Models;
using LiftWing.Server.Protocols.Ores;

namespace LiftWing.Server.Tests.Ores;

public sealed class OresModelInfoTests
{
    // 4 items: scores 0.1 (neg), 0.4 (pos), 0.4 (neg), 0.9 (pos).
    private static readonly ThresholdTable Table = ThresholdTable.FromScores([0.1, 0.4, 0.4, 0.9], [false, true, false, true], "test");

    [Fact]
    public void FromScores_CountsAtOrAboveEachDistinctScore_PlusAnAllNegativeRow()
    {
        Assert.Equal(
            [new ThresholdRow(0.1, 2, 2, 0, 0), new ThresholdRow(0.4, 2, 1, 1, 0), new ThresholdRow(0.9, 1, 0, 2, 1), new ThresholdRow(0.9, 0, 0, 2, 2)],
            Table.Rows);
    }

    [Fact]
    public void Statistics_AreRevscoringsDefinitions()
    {
        var row = Table.Rows[1]; // tp 2, fp 1, tn 1, fn 0
        Assert.Equal(0.75, ThresholdStatistics.Get(row, "match_rate"));
        Assert.Equal(0.25, ThresholdStatistics.Get(row, "filter_rate"));
        Assert.Equal(2.0 / 3, ThresholdStatistics.Get(row, "precision"));
        Assert.Equal(1.0, ThresholdStatistics.Get(row, "!precision"));
        Assert.Equal(1.0, ThresholdStatistics.Get(row, "recall"));
        Assert.Equal(0.5, ThresholdStatistics.Get(row, "!recall"));
        Assert.Equal(0.75, ThresholdStatistics.Get(row, "accuracy"));
        Assert.Equal(0.5, ThresholdStatistics.Get(row, "fpr"));
        Assert.Equal(0.8, ThresholdStatistics.Get(row, "f1")!.Value, 12);
        Assert.Equal(2.0 / 3, ThresholdStatistics.Get(row, "!f1")!.Value, 12);
        Assert.Null(ThresholdStatistics.Get(Table.Rows[3], "precision")); // nothing predicted positive
    }

    [Theory]
    [InlineData("maximum recall @ precision >= 0.9", 0.9)]
    [InlineData("maximum recall @ precision >= 0.6", 0.4)]
    [InlineData("  Minimum Match_Rate @ recall >= 1 trailing", 0.4)]
    [InlineData("maximum filter_rate @ fpr <= 0.5", 0.9)]
    public void Optimisation_PicksTheBestQualifyingThreshold(string text, double threshold)
    {
        var optimisation = ThresholdOptimization.TryParse(text);

        Assert.NotNull(optimisation);
        Assert.Equal(threshold, optimisation.Optimal(Table)!.Threshold);
    }

    [Theory]
    [InlineData("maximum recall @ precision > 0.9")]
    [InlineData("maximum bogus @ precision >= 0.9")]
    [InlineData("maximum !precision @ precision >= 0.9")]
    [InlineData("best recall @ precision >= 0.9")]
    public void Optimisation_Invalid_IsNull(string text) => Assert.Null(ThresholdOptimization.TryParse(text));

    [Fact]
    public void Optimisation_NothingQualifies_IsNull() =>
        Assert.Null(ThresholdOptimization.TryParse("maximum recall @ precision >= 1.1")!.Optimal(Table));

    [Theory]
    [InlineData("version", new[] { "version" })]
    [InlineData("statistics.thresholds.true.\"maximum recall @ precision >= 0.9\"", new[] { "statistics", "thresholds", "true", "maximum recall @ precision >= 0.9" })]
    [InlineData("a.'b.c'.d", new[] { "a", "b.c", "d" })]
    public void Segments_SplitOnDotsOutsideQuotes(string path, string[] expected) => Assert.Equal(expected, OresModelInfo.Segments(path));

    [Theory]
    [InlineData("a..b")]
    [InlineData("a.'b")]
    [InlineData("a.'b'c")]
    [InlineData("")]
    public void Segments_Malformed_IsNull(string path) => Assert.Null(OresModelInfo.Segments(path));

    [Fact]
    public void Build_RoundsStatisticsTo3Digits_KeepsRawThreshold()
    {
        var info = OresModelInfo.Build("statistics.thresholds.true.\"maximum recall @ precision >= 0.6\"|version", "7", Table);

        Assert.Equal("""{"version":"7","statistics":{"thresholds":{"true":[{"threshold":0.4,"match_rate":0.75,"filter_rate":0.25,"precision":0.667,"!precision":1,"recall":1,"!recall":0.5,"accuracy":0.75,"fpr":0.5,"f1":0.8,"!f1":0.667}]}}}""",
            info.ToJsonString());
    }

    [Fact]
    public void Build_UnknownPath_IsOresError()
    {
        var ex = Assert.Throws<OresRequestException>(() => OresModelInfo.Build("type", "1", Table));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("""{"error":{"code":"bad request","message":"Model information could not be retrieved for 'type'"}}""", ex.Body.ToJsonString(OresJson.Compact));
    }
}
