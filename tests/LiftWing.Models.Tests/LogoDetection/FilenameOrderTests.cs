using LiftWing.Models.LogoDetection;

namespace LiftWing.Models.Tests.LogoDetection;

public sealed class FilenameOrderTests
{
    private static LogoInstance I(string name, string url) => new(name, null, url);

    [Fact]
    public void Apply_SortsByFilename_LastDuplicateWins()
    {
        var result = FilenameOrder.Apply([I("b.png", "1"), I("a.png", "2"), I("B.png", "3"), I("b.png", "4"), I("10.png", "5"), I("9.png", "6")]);

        Assert.Equal(["10.png", "9.png", "B.png", "a.png", "b.png"], result.Select(r => r.Filename));
        Assert.Equal("4", result.Single(r => r.Filename == "b.png").Url);
    }

    // Python orders str by code point: U+FFFD sorts before U+1F600, whose UTF-16 surrogates (0xD83D…) would sort first.
    [Fact]
    public void CompareCodePoints_SupplementaryCharacters_AfterTheBmp()
    {
        Assert.True(FilenameOrder.CompareCodePoints("\uFFFD.png", "\U0001F600.png") < 0);
        Assert.True(string.CompareOrdinal("\uFFFD.png", "\U0001F600.png") > 0);
        Assert.True(FilenameOrder.CompareCodePoints("a", "ab") < 0);
        Assert.Equal(0, FilenameOrder.CompareCodePoints("é.png", "é.png"));
    }
}
