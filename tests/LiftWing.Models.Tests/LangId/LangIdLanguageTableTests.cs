using LiftWing.Models.LangId;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.LangId;

public sealed class LangIdLanguageTableTests
{
    private static readonly string s_path = Path.Combine(TestPaths.Models, "langid", "languages.tsv");

    [Fact]
    public async Task Load_RepositoryTable_CoversEveryLid176Label()
    {
        var table = LangIdLanguageTable.Load(s_path);
        var model = LiftWing.Runtimes.FastText.FastTextModel.Load(await LangIdArtifacts.ModelPathAsync());

        Assert.Equal(176, table.Count);
        Assert.All(model.Labels, l => Assert.True(table.Contains(l), l));
    }

    [Theory]
    [InlineData("de", "de", "German")]
    [InlineData("en", "en", "English")]
    [InlineData("yue", "zh-yue", "Yue Chinese")]
    [InlineData("cbk", "cbk-zam", "Chavacano")]
    [InlineData("zh", "zh", "Chinese")]
    [InlineData("fa", "fa", "Persian")]
    public void Index_KnownLabel_GivesWikicodeAndName(string label, string wikicode, string name)
    {
        var row = LangIdLanguageTable.Load(s_path)[label];

        Assert.Equal((wikicode, name), (row.WikiCode, row.Name));
    }

    [Fact]
    public void Load_DuplicateLabel_ThrowsWithLine()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "label\twikicode\tlanguage_name\nde\tde\tGerman\nde\tde\tGerman\n");

        var ex = Assert.Throws<InvalidDataException>(() => LangIdLanguageTable.Load(path));

        Assert.Contains(":3:", ex.Message);
        File.Delete(path);
    }
}
