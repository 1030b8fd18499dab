using LiftWing.Models.LangId;

namespace LiftWing.Models.Tests.LangId;

public sealed class LangIdTextTests
{
    [Theory]
    [InlineData("a  b", "a b")]
    [InlineData("\n\r\v\t a \t\n b \r", "a b")]
    [InlineData("\u00a0a\u2003", "a")]
    [InlineData("a\u00a0\u00a0b", "a\u00a0\u00a0b")]
    [InlineData("   ", "")]
    [InlineData("\u001fa\u001c", "a")]
    public void Preprocess_CollapsesAndStripsLikeLiftWing(string input, string expected) =>
        Assert.Equal(expected, LangIdText.Preprocess(input, 100));

    [Fact]
    public void Preprocess_CutsAtCodePointsNotUtf16Units()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 150));

        var result = LangIdText.Preprocess(text, 100);

        Assert.Equal(200, result.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 100)), result);
    }

    [Fact]
    public void Preprocess_CutsAfterCollapsing()
    {
        var result = LangIdText.Preprocess(new string(' ', 50) + "x" + new string(' ', 500) + new string('y', 200), 100);

        Assert.Equal("x " + new string('y', 98), result);
    }
}
