using LiftWing.Runtimes.FastText;

namespace LiftWing.Runtimes.Tests.FastText;

public sealed class FastTextPredictionTests
{
    [Fact]
    public void Predict_OneWordSoftmaxModel_MatchesHandComputedProbabilities()
    {
        // dim 2, words "</s>" and "hi", no n-grams, two labels. "hi" -> rows {hi, </s>}: hidden = ((1,0)+(0,1))/2.
        var spec = new FastTextModelSpec { Dim = 2, Loss = 3, Bucket = 0, MinN = 0, MaxN = 0 };
        spec.Entries.AddRange([("</s>", 5, false), ("hi", 3, false), ("__label__a", 10, true), ("__label__b", 5, true)]);
        spec.Input = [[0f, 1f], [1f, 0f]];
        spec.Output = [[2f, 0f], [0f, 0f]];
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec)));

        var predictions = model.Predict("hi", k: 2);

        // logits (1, 0): softmax = (e/(e+1), 1/(e+1)); fastText reports exp(log(p + 1e-5)).
        var pa = Math.E / (Math.E + 1);
        Assert.Equal("a", predictions[0].Label);
        Assert.Equal(pa + 1e-5, predictions[0].Probability, 5);
        Assert.Equal("b", predictions[1].Label);
        Assert.Equal(1 - pa + 1e-5, predictions[1].Probability, 5);
    }

    [Fact]
    public void Predict_TwoLabelHierarchicalSoftmax_IsSigmoidOfRootRow()
    {
        var spec = new FastTextModelSpec { Dim = 2, Loss = 1, Bucket = 0, MinN = 0, MaxN = 0 };
        spec.Entries.AddRange([("</s>", 5, false), ("__label__a", 10, true), ("__label__b", 5, true)]);
        spec.Input = [[1.5f, -0.5f]];
        spec.Output = [[1f, 1f], [0f, 0f]];
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(spec)));

        var predictions = model.Predict("", k: 2);

        // Root = node 2, left child = the rarer label b (leaf 1), right = a (leaf 0) with probability sigmoid(1).
        var f = 1 / (1 + Math.Exp(-1.0));
        Assert.Equal(["a", "b"], predictions.Select(p => p.Label));
        Assert.Equal(f + 1e-5, predictions[0].Probability, 5);
        Assert.Equal(1 - f + 1e-5, predictions[1].Probability, 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Predict_KLargerThanLabels_ReturnsEveryLabelSortedAndSummingToOne(int loss)
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Dense(7, loss))));

        var predictions = model.Predict("the cat", k: 100);

        Assert.Equal(5, predictions.Length);
        Assert.Equal(predictions.OrderByDescending(p => p.Probability).Select(p => p.Label), predictions.Select(p => p.Label));
        if (loss != 4)
        {
            Assert.Equal(1.0, predictions.Sum(p => p.Probability), 3);
        }
    }

    [Fact]
    public void Predict_KZero_Throws()
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Dense(7, 3))));

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict("x", k: 0));
    }

    [Fact]
    public void Predict_LabelTokensInText_AreIgnored()
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Dense(8, 3))));

        Assert.Equal(model.Predict("the cat", 3), model.Predict("the __label__l2 cat __label__nope", 3));
    }

    [Fact]
    public void Predict_LiteralEndOfSentence_EndsTheLineAsFastTextDoes()
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Dense(12, 3, wordNgrams: 2))));

        Assert.Equal(model.Predict("the cat", 3), model.Predict("the cat </s> sat on the mat", 3));
        Assert.NotEqual(model.Predict("the cat", 3), model.Predict("the cat sat on the mat", 3));
    }

    [Fact]
    public void Predict_WhitespaceVariants_TokeniseAlike()
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Dense(9, 1))));

        Assert.Equal(model.Predict("the cat", 3), model.Predict("  the\t\vcat\r\f ", 3));
    }

    [Fact]
    public void Predict_Threshold_DropsLowProbabilities()
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Dense(10, 3))));

        var all = model.Predict("sat on a mat", 5);
        var cut = model.Predict("sat on a mat", 5, threshold: all[1].Probability);

        Assert.Equal(all.Take(cut.Length).Select(p => p.Label), cut.Select(p => p.Label));
        Assert.True(cut.Length is >= 1 and < 5);
    }

    [Fact]
    public async Task Predict_ConcurrentCalls_GiveTheSameAnswers()
    {
        var model = FastTextModel.Load(new MemoryStream(FastTextModelWriter.ToBytes(FastTextTestModels.Quantized(11, 1))));
        var texts = FastTextTestModels.Texts(11, 50);
        var expected = texts.Select(t => model.Predict(t, 2)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => texts.Select(t => model.Predict(t, 2)).ToArray())));

        foreach (var r in results)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.Equal(expected[i], r[i]);
            }
        }
    }
}
