using System.Security.Cryptography;
using LiftWing.Core.Models;
using LiftWing.Models.ArticleQuality;
using LiftWing.Tests.Common;

namespace LiftWing.Models.Tests.ArticleQuality;

/// <summary>The model data: parameters.json, the repo's small maxima table and the full shared one.</summary>
public sealed class ArticleQualityDataTests : IDisposable
{
    private static readonly string s_modelDir = Path.Combine(TestPaths.Models, "articlequality");
    private readonly string _tmp = Directory.CreateTempSubdirectory("lw-aq-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    [Fact]
    public void Parameters_AreTheAugust2024Set_AndPinnedInModelYaml()
    {
        var config = ModelConfigLoader.Load(Path.Combine(s_modelDir, "model.yaml"));
        var artifact = Assert.Single(config.Artifacts, a => a.Name == "parameters");
        var path = Path.Combine(s_modelDir, "parameters.json");

        var p = ArticleQualityParameters.Load(path);

        Assert.Equal("file:parameters.json", artifact.Uri);
        Assert.Equal(artifact.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.Equal([6.279141, 1.162669, 0.696006, 0.082483, 0.816600, 0.231126, 0.236004, 0.386889, -0.947278], p.Coefficients);
        Assert.Equal([4.239930, 7.02916399, 8.5647493, 9.62894343, 10.79133557], p.Thresholds);
        Assert.Equal(["Stub", "Start", "C", "B", "GA", "FA"], p.Labels);
        Assert.Equal(10.890916590223638, p.TopScore);
        Assert.Equal(11.838194515504279, p.ScoreRange);
    }

    [Fact]
    public void Parameters_ScoreConstantsThatDisagreeWithCoefficients_AreRefused()
    {
        var text = File.ReadAllText(Path.Combine(s_modelDir, "parameters.json")).Replace("10.890916590223638", "11.5");
        var path = Path.Combine(_tmp, "bad.json");
        File.WriteAllText(path, text);

        var ex = Assert.Throws<InvalidDataException>(() => ArticleQualityParameters.Load(path));
        Assert.Contains("disagree with the coefficients", ex.Message);
    }

    [Fact]
    public void Parameters_WrongNumberOfCoefficients_AreRefused()
    {
        var text = File.ReadAllText(Path.Combine(s_modelDir, "parameters.json")).Replace("0.386889, -0.947278", "0.386889");
        var path = Path.Combine(_tmp, "bad.json");
        File.WriteAllText(path, text);

        Assert.Throws<InvalidDataException>(() => ArticleQualityParameters.Load(path));
    }

    [Fact]
    public void MaximaTable_FullSharedTable_Has333WikisWithFloorsApplied()
    {
        var floors = ArticleQualityParameters.Load(Path.Combine(s_modelDir, "parameters.json")).MaximaFloors;

        var table = FeatureMaximaTable.Load(TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv"), floors);

        Assert.Equal(333, table.Count);
        Assert.True(table.TryGet("ab", out var ab)); // abwiki 26.857 2.0 4.0 0.0372 0.5585 0.1489 5
        Assert.Equal(new FeatureMaxima(45, 2, 5, 0.2, 0.5585130086331225, 0.45, 5), ab);
        Assert.True(table.TryGet("en", out var en));
        Assert.Equal(new FeatureMaxima(96.55568341635825, 5, 15, 0.507479189896123, 0.1553507724171805, 1.180665870370572, 5), en);
        Assert.False(table.TryGet("enwiki", out _));
    }

    [Fact]
    public void MaximaTable_RepoDefault_IsThirteenRowsOfTheSharedTable()
    {
        var shared = File.ReadAllLines(TestPaths.SharedData("liftwing", "articlequality_feature_values.tsv")).ToHashSet();
        var repo = File.ReadAllLines(Path.Combine(s_modelDir, "feature_values.tsv"));

        Assert.Equal(14, repo.Length);
        Assert.All(repo, line => Assert.Contains(line, shared));
    }

    [Fact]
    public void MaximaTable_UnparsableNumber_NamesTheLine()
    {
        var path = Path.Combine(_tmp, "bad.tsv");
        File.WriteAllLines(path, [File.ReadLines(Path.Combine(s_modelDir, "feature_values.tsv")).First(), "xxwiki\t1\tabc\t1\t1\t1\t1\t1\t5\tTrue\tFalse"]);
        var floors = ArticleQualityParameters.Load(Path.Combine(s_modelDir, "parameters.json")).MaximaFloors;

        var ex = Assert.Throws<InvalidDataException>(() => FeatureMaximaTable.Load(path, floors));
        Assert.Contains(":2: max_length is not a number", ex.Message);
    }
}
