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

    // Labels with a counterpart answer Lift Wing's row exactly (its wikicode and name, truncated names included);
    // the others answer the lid.176 label, its Wikipedia and a reference name.
    [Theory]
    [InlineData("de", "deu_Latn", "de", "German")]
    [InlineData("en", "eng_Latn", "en", "English")]
    [InlineData("ar", "arb_Arab", "ar", "Modern Standard Arabic")]
    [InlineData("sq", "als_Latn", "sq", "Tosk Albanian")]
    [InlineData("fa", "pes_Arab", "fa", "Western")]
    [InlineData("km", "khm_Khmr", "kh", "Khmer")]
    [InlineData("zh", "zho_Hant", "zh", "Chinese(Traditional)")]
    [InlineData("yue", "yue_Hant", "", "Yue")]
    [InlineData("als", "als", "als", "Swiss German")]
    [InlineData("cbk", "cbk", "cbk-zam", "Chavacano")]
    public void Index_KnownLabel_GivesLiftWingsAnswer(string label, string language, string wikicode, string name)
    {
        var row = LangIdLanguageTable.Load(s_path)[label];

        Assert.Equal((language, wikicode, name), (row.Language, row.WikiCode, row.Name));
    }

    [Fact]
    public void Load_RepositoryTable_EveryLiftWingRowMatchesLiftWingsTable()
    {
        var liftwing = File.ReadLines(TestPaths.SharedData("liftwing", "langid_languages.tsv")).Skip(1)
            .Select(l => l.Split('\t')).ToDictionary(c => c[0], c => (c[1], c[2]));
        var rows = File.ReadLines(s_path).Skip(1).Select(l => l.Split('\t')).ToList();

        var mapped = rows.Where(c => c[4] == "liftwing").ToList();
        Assert.Equal(116, mapped.Count);
        Assert.All(mapped, c => Assert.Equal(liftwing[c[1]], (c[2], c[3])));
        Assert.Equal(mapped.Count, mapped.Select(c => c[1]).Distinct().Count());
        Assert.All(rows.Where(c => c[4] == "lid176"), c => Assert.False(liftwing.ContainsKey(c[1]), c[1]));
    }

    [Fact]
    public void Load_DuplicateLabel_ThrowsWithLine()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "label\tlanguage\twikicode\tlanguage_name\nde\tdeu_Latn\tde\tGerman\nde\tdeu_Latn\tde\tGerman\n");

        var ex = Assert.Throws<InvalidDataException>(() => LangIdLanguageTable.Load(path));

        Assert.Contains(":3:", ex.Message);
        File.Delete(path);
    }
}
