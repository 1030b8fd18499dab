using System.Buffers;
using System.Text;

namespace LiftWing.Runtimes.FastText;

/// <summary>
/// A fastText supervised classifier read from a <c>.bin</c> (dense) or <c>.ftz</c> (quantized) file, predicting
/// as fastText 0.9.2 does: the average of the input rows of a line's words and n-grams, scored by hierarchical
/// softmax, softmax or one-vs-all, top-k with probabilities. Thread-safe: all state is read-only after loading.
/// </summary>
public sealed class FastTextModel
{
    /// <summary>The file magic (<c>FASTTEXT_FILEFORMAT_MAGIC_INT32</c>).</summary>
    public const int Magic = 793712314;

    /// <summary>The newest file version this reader knows (<c>FASTTEXT_VERSION</c>).</summary>
    public const int CurrentVersion = 12;

    private const int MaxDim = 1 << 16;
    private const int SigmoidTableSize = 512;
    private const int MaxSigmoid = 8;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly FastTextDictionary _dictionary;
    private readonly IFastTextMatrix _input;
    private readonly IFastTextMatrix _output;
    private readonly FastTextHuffmanTree? _tree;
    private readonly float[] _sigmoidTable;
    private readonly string[] _labels;

    private FastTextModel(int version, FastTextArgs args, FastTextDictionary dictionary, IFastTextMatrix input, IFastTextMatrix output, bool quantized)
    {
        Version = version;
        Args = args;
        _dictionary = dictionary;
        _input = input;
        _output = output;
        IsQuantized = quantized;
        _labels = new string[dictionary.NLabels];
        for (var i = 0; i < _labels.Length; i++)
        {
            var raw = dictionary.GetLabel(i);
            var label = raw.AsSpan().StartsWith(FastTextDictionary.LabelPrefix) ? raw.AsSpan(FastTextDictionary.LabelPrefix.Length) : raw;
            _labels[i] = Encoding.UTF8.GetString(label);
        }

        if (args.Loss == FastTextLossKind.HierarchicalSoftmax)
        {
            _tree = new FastTextHuffmanTree(dictionary.LabelCounts());
        }

        _sigmoidTable = new float[SigmoidTableSize + 1];
        for (var i = 0; i <= SigmoidTableSize; i++)
        {
            var x = ((float)(i * 2 * MaxSigmoid) / SigmoidTableSize) - MaxSigmoid;
            _sigmoidTable[i] = (float)(1.0 / (1.0 + MathF.Exp(-x)));
        }
    }

    /// <summary>The file version (11 or 12).</summary>
    public int Version { get; }

    /// <summary>The header arguments.</summary>
    public FastTextArgs Args { get; }

    /// <summary>Whether the input matrix is product-quantized (a <c>.ftz</c>).</summary>
    public bool IsQuantized { get; }

    /// <summary>The labels, without the <c>__label__</c> prefix, in the model's label order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The number of words in the dictionary.</summary>
    public int WordCount => _dictionary.NWords;

    /// <summary>Loads a model file.</summary>
    /// <exception cref="FastTextFormatException">The file is not a readable fastText supervised model.</exception>
    public static FastTextModel Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(stream);
    }

    /// <summary>Loads a model from a stream (read to where the model ends).</summary>
    /// <exception cref="FastTextFormatException">The data is not a readable fastText supervised model.</exception>
    public static FastTextModel Load(Stream stream)
    {
        var reader = new FastTextBinaryReader(stream);
        var magic = reader.ReadInt32("magic");
        if (magic != Magic)
        {
            throw new FastTextFormatException($"not a fastText model: magic 0x{magic:X8}, expected 0x{Magic:X8}.");
        }

        var version = reader.ReadInt32("version");
        if (version is < 11 or > CurrentVersion)
        {
            throw new FastTextFormatException($"unsupported fastText model version {version} (this reader knows 11 and 12).");
        }

        var args = ReadArgs(reader);
        if (version == 11)
        {
            // fastText: version-11 supervised models were trained without character n-grams.
            args = args with { MaxN = 0 };
        }

        ValidateArgs(args);
        var dictionary = FastTextDictionary.Load(reader, args);
        var quantInput = reader.ReadBool("quant_input flag");
        IFastTextMatrix input = quantInput ? FastTextQuantMatrix.Load(reader, "input matrix") : FastTextDenseMatrix.Load(reader, "input matrix");
        if (!quantInput && dictionary.IsPruned)
        {
            throw new FastTextFormatException("fastText model: a pruned dictionary needs a quantized input matrix (fastText issue #332).");
        }

        var qout = reader.ReadBool("qout flag");
        IFastTextMatrix output = quantInput && qout ? FastTextQuantMatrix.Load(reader, "output matrix") : FastTextDenseMatrix.Load(reader, "output matrix");
        Validate(args, dictionary, input, output);
        return new FastTextModel(version, args, dictionary, input, output, quantInput);
    }

    /// <summary>
    /// Predicts the <paramref name="k"/> most likely labels of one line of text, best first. Labels whose
    /// probability is below <paramref name="threshold"/> are left out, as fastText does; so are labels whose
    /// hierarchical-softmax path drops below about 1e-5.
    /// </summary>
    public FastTextPrediction[] Predict(ReadOnlySpan<char> text, int k = 1, float threshold = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        k = Math.Min(k, _labels.Length);
        var scratch = t_scratch ??= new Scratch();
        var top = Score(text, k, threshold, scratch);
        var result = new FastTextPrediction[top.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new FastTextPrediction(_labels[top.LabelAt(i)], MathF.Exp(top.ScoreAt(i)));
        }

        return result;
    }

    private FastTextTopK Score(ReadOnlySpan<char> text, int k, float threshold, Scratch scratch)
    {
        var byteCount = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = byteCount > scratch.Utf8.Length ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        try
        {
            var buffer = rented ?? scratch.Utf8;
            var length = Encoding.UTF8.GetBytes(text, buffer);
            _dictionary.GetLine(buffer.AsSpan(0, length), scratch.Rows, scratch.WordHashes, scratch.Token);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        var dim = Args.Dim;
        if (scratch.Hidden.Length != dim)
        {
            scratch.Hidden = new float[dim];
        }

        var hidden = scratch.Hidden.AsSpan();
        hidden.Clear();
        var rows = scratch.Rows.Span;
        foreach (var row in rows)
        {
            _input.AddRowTo(hidden, row);
        }

        // fastText: hidden.mul(1.0 / input.size()) with a float argument.
        var scale = (float)(1.0 / rows.Length);
        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] *= scale;
        }

        var top = scratch.Top;
        top.Reset(k);
        if (_tree is not null)
        {
            Dfs(_tree.Root, 0f, threshold, hidden, top);
        }
        else
        {
            FindKBest(threshold, hidden, scratch, top);
        }

        top.Sort();
        return top;
    }

    private void Dfs(int node, float score, float threshold, ReadOnlySpan<float> hidden, FastTextTopK top)
    {
        if (score < StdLog(threshold) || (top.IsFull && score < top.Min))
        {
            return;
        }

        if (_tree!.IsLeaf(node))
        {
            top.Add(score, node);
            return;
        }

        var f = _output.DotRow(hidden, node - _tree.LabelCount);
        f = (float)(1.0 / (1f + MathF.Exp(-f)));
        Dfs(_tree.Left[node], score + StdLog((float)(1.0 - f)), threshold, hidden, top);
        Dfs(_tree.Right[node], score + StdLog(f), threshold, hidden, top);
    }

    private void FindKBest(float threshold, ReadOnlySpan<float> hidden, Scratch scratch, FastTextTopK top)
    {
        var osz = _labels.Length;
        if (scratch.Output.Length < osz)
        {
            scratch.Output = new float[osz];
        }

        var output = scratch.Output.AsSpan(0, osz);
        for (var i = 0; i < osz; i++)
        {
            output[i] = _output.DotRow(hidden, i);
        }

        if (Args.Loss == FastTextLossKind.Softmax)
        {
            var max = output[0];
            foreach (var v in output)
            {
                max = Math.Max(v, max);
            }

            var z = 0f;
            for (var i = 0; i < osz; i++)
            {
                output[i] = MathF.Exp(output[i] - max);
                z += output[i];
            }

            for (var i = 0; i < osz; i++)
            {
                output[i] /= z;
            }
        }
        else
        {
            for (var i = 0; i < osz; i++)
            {
                output[i] = Sigmoid(output[i]);
            }
        }

        for (var i = 0; i < osz; i++)
        {
            if (output[i] < threshold)
            {
                continue;
            }

            var score = StdLog(output[i]);
            if (top.IsFull && score < top.Min)
            {
                continue;
            }

            top.Add(score, i);
        }
    }

    // fastText's std_log: log(x + 1e-5) in double, stored as float.
    private static float StdLog(float x) => (float)Math.Log(x + 1e-5);

    // fastText's table sigmoid, used by the one-vs-all and negative-sampling losses.
    private float Sigmoid(float x)
    {
        if (x < -MaxSigmoid)
        {
            return 0f;
        }

        if (x > MaxSigmoid)
        {
            return 1f;
        }

        var i = (long)((x + MaxSigmoid) * SigmoidTableSize / MaxSigmoid / 2);
        return _sigmoidTable[i];
    }

    private static FastTextArgs ReadArgs(FastTextBinaryReader reader) => new()
    {
        Dim = reader.ReadInt32("args dim"),
        WindowSize = reader.ReadInt32("args ws"),
        Epoch = reader.ReadInt32("args epoch"),
        MinCount = reader.ReadInt32("args minCount"),
        Neg = reader.ReadInt32("args neg"),
        WordNgrams = reader.ReadInt32("args wordNgrams"),
        Loss = (FastTextLossKind)reader.ReadInt32("args loss"),
        Model = (FastTextModelKind)reader.ReadInt32("args model"),
        Bucket = reader.ReadInt32("args bucket"),
        MinN = reader.ReadInt32("args minn"),
        MaxN = reader.ReadInt32("args maxn"),
        LrUpdateRate = reader.ReadInt32("args lrUpdateRate"),
        SamplingThreshold = reader.ReadDouble("args t"),
    };

    private static void ValidateArgs(FastTextArgs args)
    {
        if (args.Model != FastTextModelKind.Supervised)
        {
            throw new FastTextFormatException($"fastText model is not a supervised classifier (model {(int)args.Model}); only supervised models predict labels.");
        }

        if (!Enum.IsDefined(args.Loss))
        {
            throw new FastTextFormatException($"fastText model has unknown loss {(int)args.Loss}.");
        }

        if (args.Dim is <= 0 or > MaxDim)
        {
            throw new FastTextFormatException($"fastText model has invalid dim {args.Dim}.");
        }

        if ((args.MaxN > 0 || args.WordNgrams > 1) && args.Bucket <= 0)
        {
            throw new FastTextFormatException($"fastText model uses n-grams but has {args.Bucket} buckets.");
        }

        if (args.MaxN > 0 && (args.MinN <= 0 || args.MinN > args.MaxN))
        {
            // minn 0 would make every single character a feature; fastText never writes that with maxn > 0.
            throw new FastTextFormatException($"fastText model has invalid character n-gram range minn {args.MinN}, maxn {args.MaxN}.");
        }
    }

    private static void Validate(FastTextArgs args, FastTextDictionary dictionary, IFastTextMatrix input, IFastTextMatrix output)
    {
        if (dictionary.NLabels == 0)
        {
            throw new FastTextFormatException("fastText model has no labels.");
        }

        if (input.Cols != args.Dim || output.Cols != args.Dim)
        {
            throw new FastTextFormatException($"fastText model: matrix widths ({input.Cols}, {output.Cols}) differ from dim {args.Dim}.");
        }

        if (input.Rows <= dictionary.MaxRowId || input.Rows > int.MaxValue)
        {
            throw new FastTextFormatException($"fastText model: the input matrix has {input.Rows} rows but the dictionary addresses row {dictionary.MaxRowId}.");
        }

        if (output.Rows != dictionary.NLabels)
        {
            throw new FastTextFormatException($"fastText model: the output matrix has {output.Rows} rows for {dictionary.NLabels} labels.");
        }
    }

    private sealed class Scratch
    {
        public byte[] Utf8 { get; } = new byte[4096];

        public byte[] Token { get; } = new byte[1024];

        public FastTextIdBuffer Rows { get; } = new();

        public FastTextIdBuffer WordHashes { get; } = new();

        public float[] Hidden { get; set; } = [];

        public float[] Output { get; set; } = [];

        public FastTextTopK Top { get; } = new();
    }
}
