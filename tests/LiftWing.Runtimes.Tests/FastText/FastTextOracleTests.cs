using LiftWing.Runtimes.FastText;
using LiftWing.Tests.Common;

namespace LiftWing.Runtimes.Tests.FastText;

/// <summary>
/// The C# predictor against Debian's <c>fasttext predict-prob</c> on the same files: models the tests write
/// (every loss, dense and quantized, pruned buckets, word n-grams) and the real lid.176.ftz.
/// </summary>
public sealed class FastTextOracleTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly string _dir = Directory.CreateTempSubdirectory("liftwing-fasttext-").FullName;

    public static TheoryData<string> WrittenModels() => new(
        "dense-softmax", "dense-hs", "dense-ova", "dense-ns", "dense-softmax-bigrams", "dense-hs-trigrams",
        "quant-hs", "quant-softmax-qout", "quant-hs-nonorm", "quant-ova-bigrams", "quant-hs-allpruned", "dense-version11");

    [Theory]
    [MemberData(nameof(WrittenModels))]
    public void Predict_WrittenModel_MatchesFastTextCli(string name)
    {
        var spec = name switch
        {
            "dense-softmax" => FastTextTestModels.Dense(21, loss: 3),
            "dense-hs" => FastTextTestModels.Dense(22, loss: 1, labels: 7),
            "dense-ova" => FastTextTestModels.Dense(23, loss: 4),
            "dense-ns" => FastTextTestModels.Dense(24, loss: 2),
            "dense-softmax-bigrams" => FastTextTestModels.Dense(25, loss: 3, wordNgrams: 2),
            "dense-hs-trigrams" => FastTextTestModels.Dense(26, loss: 1, wordNgrams: 3, labels: 6),
            "quant-hs" => FastTextTestModels.Quantized(27, loss: 1),
            "quant-softmax-qout" => FastTextTestModels.Quantized(28, loss: 3, dim: 8, dsub: 2, qout: true),
            "quant-hs-nonorm" => FastTextTestModels.Quantized(29, loss: 1, dim: 6, dsub: 4, qnorm: false),
            "quant-ova-bigrams" => FastTextTestModels.Quantized(30, loss: 4, wordNgrams: 2),
            "quant-hs-allpruned" => FastTextTestModels.Quantized(31, loss: 1, kept: 0),
            "dense-version11" => Version11(FastTextTestModels.Dense(32, loss: 3)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var path = FastTextModelWriter.WriteFile(spec, _dir, name + ".bin");

        AssertMatchesCli(path, FastTextTestModels.Texts(seed: name.Length, count: 120), k: 3);
    }

    [Fact]
    public async Task Predict_Lid176OnLangIdInput_MatchesFastTextCli()
    {
        var path = await LangIdArtifacts.ModelPathAsync();
        var texts = File.ReadAllLines(TestPaths.SharedData("liftwing", "wrk", "langid.input"));

        AssertMatchesCli(path, texts, k: 2);
    }

    [Fact]
    public async Task Predict_Lid176OnOwnTexts_MatchesFastTextCli()
    {
        var path = await LangIdArtifacts.ModelPathAsync();

        AssertMatchesCli(path, LangIdTexts.All, k: 2);
    }

    [Fact]
    public async Task Predict_Lid176German_IsGermanWithFastTextsScore()
    {
        var model = FastTextModel.Load(await LangIdArtifacts.ModelPathAsync());

        var p = model.Predict("Der schnelle braune Fuchs springt über den faulen Hund", 2);

        Assert.Equal("de", p[0].Label);
        Assert.Equal(0.973953, p[0].Probability, 6);
        Assert.Equal("en", p[1].Label);
        Assert.Equal(0.00558232, p[1].Probability, 6);
        Assert.True(model.IsQuantized);
        Assert.Equal(176, model.Labels.Count);
    }

    private static FastTextModelSpec Version11(FastTextModelSpec spec)
    {
        spec.Version = 11;
        return spec;
    }

    private static void AssertMatchesCli(string path, IReadOnlyList<string> texts, int k)
    {
        var model = FastTextModel.Load(path);
        var expected = FastTextCli.PredictProb(path, texts, k);
        for (var i = 0; i < texts.Count; i++)
        {
            var actual = model.Predict(texts[i], k);
            var context = $"text {i} '{Shorten(texts[i])}': C# [{string.Join(", ", actual)}] vs fastText [{string.Join(", ", expected[i])}]";
            Assert.True(expected[i].Count == actual.Length, context);
            for (var j = 0; j < actual.Length; j++)
            {
                Assert.True(expected[i][j].Label == actual[j].Label, context);
                Assert.True(Math.Abs(expected[i][j].Probability - actual[j].Probability) <= Tolerance, context);
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
