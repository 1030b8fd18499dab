namespace LiftWing.Runtimes.Tests.FastText;

/// <summary>Random small models: a vocabulary with UTF-8 words, a few labels, random weights.</summary>
internal static class FastTextTestModels
{
    public static readonly string[] Words = ["the", "cat", "sat", "über", "straße", "日本", "語", "кот", "__label__zz", "mat", "on", "a", "</s>"];

    public static FastTextModelSpec Dense(int seed, int loss, int dim = 6, int bucket = 200, int wordNgrams = 1, int labels = 5)
    {
        var random = new Random(seed);
        var spec = new FastTextModelSpec { Dim = dim, Loss = loss, Bucket = bucket, WordNgrams = wordNgrams };
        AddEntries(spec, labels);
        spec.Input = RandomRows(random, spec.NWords + bucket, dim);
        spec.Output = RandomRows(random, spec.NLabels, dim);
        return spec;
    }

    public static FastTextModelSpec Quantized(int seed, int loss, int dim = 7, int dsub = 2, int bucket = 300, int kept = 60, bool qnorm = true, bool qout = false, int wordNgrams = 1)
    {
        var random = new Random(seed);
        var spec = new FastTextModelSpec { Dim = dim, Loss = loss, Bucket = bucket, WordNgrams = wordNgrams };
        AddEntries(spec, 4);
        spec.Prune = [];
        foreach (var (from, to) in Enumerable.Range(0, bucket).OrderBy(_ => random.Next()).Take(kept).Select((b, i) => (b, i)))
        {
            spec.Prune[from] = to;
        }

        spec.QuantInput = RandomQuant(random, spec.NWords + kept, dim, dsub, qnorm);
        if (qout)
        {
            spec.QuantOutput = RandomQuant(random, spec.NLabels, dim, dsub, qnorm);
        }
        else
        {
            spec.Output = RandomRows(random, spec.NLabels, dim);
        }

        return spec;
    }

    public static FastTextModelSpec.QuantSpec RandomQuant(Random random, int rows, int dim, int dsub, bool qnorm)
    {
        var q = new FastTextModelSpec.QuantSpec { Rows = rows, Dim = dim, DSub = dsub };
        q.Codes = new byte[rows * q.NSubq];
        random.NextBytes(q.Codes);
        q.Centroids = Enumerable.Range(0, dim * 256).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        if (qnorm)
        {
            q.NormCodes = new byte[rows];
            random.NextBytes(q.NormCodes);
            q.NormCentroids = Enumerable.Range(0, 256).Select(_ => (float)(random.NextDouble() * 3)).ToArray();
        }

        return q;
    }

    private static void AddEntries(FastTextModelSpec spec, int labels)
    {
        // fastText keeps "</s>" first among words; the order of the others does not matter to prediction.
        spec.Entries.Add(("</s>", 100, false));
        foreach (var w in Words.Where(w => w is not "</s>" and not "__label__zz"))
        {
            spec.Entries.Add((w, 10, false));
        }

        for (var i = 0; i < labels; i++)
        {
            spec.Entries.Add(($"__label__l{i}", 1000 - (i * 37), true));
        }
    }

    private static float[][] RandomRows(Random random, int rows, int dim) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, dim).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray()).ToArray();

    /// <summary>Lines mixing known words, unknown words, UTF-8, label-like tokens and odd whitespace.</summary>
    public static IReadOnlyList<string> Texts(int seed, int count)
    {
        var random = new Random(seed);
        string[] extra = ["dog", "Über", "猫", "🙂", "__label__l1", "x", "ab", "naïve", "мат", "\t", "  "];
        var texts = new List<string> { "", "the", "__label__l0", "日本語", "the cat sat on the mat" };
        // No literal "</s>": fastText ends a line there, and the CLI would read the rest as another line.
        var words = Words.Where(w => w != "</s>").ToArray();
        while (texts.Count < count)
        {
            var n = random.Next(1, 12);
            var tokens = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? extra[random.Next(extra.Length)] : words[random.Next(words.Length)]);
            texts.Add(string.Join(random.Next(4) == 0 ? "\t" : " ", tokens));
        }

        return texts;
    }
}
