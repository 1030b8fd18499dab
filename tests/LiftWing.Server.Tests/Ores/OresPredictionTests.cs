using System.Text.Json;
using LiftWing.Server.Protocols.Ores;

namespace LiftWing.Server.Tests.Ores;

public sealed class OresPredictionTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"TRUE\"", "true")]
    [InlineData("\"False\"", "false")]
    [InlineData("\"1\"", "\"1\"")]
    [InlineData("\"yes\"", "\"yes\"")]
    [InlineData("\"FA\"", "\"FA\"")]
    [InlineData("3", "\"3\"")]
    [InlineData("[\"a\", 1, true]", "[\"a\",\"1\",\"True\"]")]
    public void Typed_FollowsOresRule(string input, string expected) =>
        Assert.Equal(expected, OresPrediction.Typed(JsonDocument.Parse(input).RootElement)!.ToJsonString());

    [Fact]
    public void TypedScore_KeepsProbabilityKeysAsStrings_AndDropsOtherFields()
    {
        var score = OresPrediction.TypedScore(JsonDocument.Parse("""{"prediction": "1", "probability": {"1": 0.5, "2": 0.5}, "extra": 1}""").RootElement)!;

        Assert.Equal("""{"prediction":"1","probability":{"1":0.5,"2":0.5}}""", score.ToJsonString());
    }

    [Theory]
    [InlineData("""{"probability": {}}""")]
    [InlineData("""{"prediction": true, "probability": [1]}""")]
    [InlineData("[]")]
    public void TypedScore_NotAScore_IsNull(string json) =>
        Assert.Null(OresPrediction.TypedScore(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("a'b\"c", "'a\\'b\"c'")]
    [InlineData("back\\slash\n", "'back\\\\slash\\n'")]
    public void PyRepr_MatchesPython(string input, string expected) => Assert.Equal(expected, PyRepr.Str(input));
}
