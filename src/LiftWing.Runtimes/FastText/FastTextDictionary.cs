namespace LiftWing.Runtimes.FastText;

/// <summary>
/// fastText's dictionary: words and labels with counts, the n-gram bucket remap of pruned (quantized) models,
/// and the tokenisation that turns a line into input-matrix row ids (<c>Dictionary::getLine</c>).
/// </summary>
internal sealed class FastTextDictionary
{
    /// <summary>The end-of-sentence token fastText appends to every line.</summary>
    public static readonly byte[] Eos = "</s>"u8.ToArray();

    /// <summary>The label prefix (<c>-label</c> is not saved in the model, so fastText's default applies).</summary>
    public static readonly byte[] LabelPrefix = "__label__"u8.ToArray();

    private const byte Bow = (byte)'<';
    private const byte Eow = (byte)'>';
    private const int MaxWordBytes = 1 << 16;

    private readonly FastTextArgs _args;
    private readonly byte[][] _words;
    private readonly long[] _counts;
    private readonly bool[] _isLabel;
    private readonly int[] _word2Int;
    private readonly int[]? _pruneDense;
    private readonly Dictionary<int, int>? _pruneSparse;
    private readonly int[] _subwordStart;
    private readonly int[] _subwords;

    private FastTextDictionary(FastTextArgs args, byte[][] words, long[] counts, bool[] isLabel, int nwords, int nlabels, long ntokens, long pruneIdxSize, Dictionary<int, int> prune)
    {
        _args = args;
        _words = words;
        _counts = counts;
        _isLabel = isLabel;
        NWords = nwords;
        NLabels = nlabels;
        NTokens = ntokens;
        PruneIdxSize = pruneIdxSize;

        // A dense remap table is an array read per n-gram instead of a hash lookup; keep it for ordinary bucket counts.
        if (pruneIdxSize > 0 && args.Bucket <= 1 << 23)
        {
            _pruneDense = new int[args.Bucket];
            Array.Fill(_pruneDense, -1);
            foreach (var (from, to) in prune)
            {
                if ((uint)from < (uint)args.Bucket)
                {
                    _pruneDense[from] = to;
                }
            }
        }
        else if (pruneIdxSize > 0)
        {
            _pruneSparse = prune;
        }

        _word2Int = new int[Math.Max(1, (int)Math.Ceiling(words.Length / 0.7))];
        Array.Fill(_word2Int, -1);
        for (var i = 0; i < words.Length; i++)
        {
            var slot = FindSlot(words[i], FastTextHash.Hash(words[i]));
            if (_word2Int[slot] != -1)
            {
                throw new FastTextFormatException($"fastText model: the dictionary holds '{FastTextBinaryReader.Utf8(words[i])}' twice.");
            }

            _word2Int[slot] = i;
        }

        // Subwords of in-vocabulary words are computed once, as fastText's initNgrams does.
        _subwordStart = new int[words.Length + 1];
        var all = new FastTextIdBuffer();
        for (var i = 0; i < words.Length; i++)
        {
            _subwordStart[i] = all.Count;
            all.Add(i);
            if (!isLabel[i] && !words[i].AsSpan().SequenceEqual(Eos))
            {
                ComputeSubwords(Bracket(words[i]), all);
            }
        }

        _subwordStart[words.Length] = all.Count;
        _subwords = all.Span.ToArray();
    }

    /// <summary>Entries, words first then labels.</summary>
    public int Size => _words.Length;

    /// <summary>The number of words.</summary>
    public int NWords { get; }

    /// <summary>The number of labels.</summary>
    public int NLabels { get; }

    /// <summary>Tokens seen in training.</summary>
    public long NTokens { get; }

    /// <summary>-1: not pruned; 0: every n-gram dropped; &gt;0: the size of the bucket remap.</summary>
    public long PruneIdxSize { get; }

    /// <summary>Whether n-gram buckets were pruned (quantized models).</summary>
    public bool IsPruned => PruneIdxSize >= 0;

    /// <summary>The largest row id the dictionary can produce, for checking against the input matrix.</summary>
    public long MaxRowId { get; private set; }

    /// <summary>The label of label index <paramref name="i"/> as stored, e.g. <c>__label__de</c>.</summary>
    public byte[] GetLabel(int i) => _words[NWords + i];

    /// <summary>Label counts in label order (they build the hierarchical-softmax tree).</summary>
    public long[] LabelCounts() => _counts.AsSpan(NWords, NLabels).ToArray();

    public static FastTextDictionary Load(FastTextBinaryReader reader, FastTextArgs args)
    {
        var size = reader.ReadInt32("dictionary size");
        var nwords = reader.ReadInt32("dictionary nwords");
        var nlabels = reader.ReadInt32("dictionary nlabels");
        var ntokens = reader.ReadInt64("dictionary ntokens");
        var pruneIdxSize = reader.ReadInt64("dictionary pruneidx_size");
        if (size < 0 || nwords < 0 || nlabels < 0 || (long)nwords + nlabels != size)
        {
            throw new FastTextFormatException($"fastText model: inconsistent dictionary sizes (size {size}, nwords {nwords}, nlabels {nlabels}).");
        }

        // Each entry is at least a NUL, an int64 count and a type byte.
        reader.EnsureAvailable(size, 10, "dictionary entries");
        var words = new byte[size][];
        var counts = new long[size];
        var isLabel = new bool[size];
        for (var i = 0; i < size; i++)
        {
            words[i] = reader.ReadCString($"dictionary entry {i}", MaxWordBytes);
            counts[i] = reader.ReadInt64($"dictionary entry {i} count");
            var type = reader.ReadByte($"dictionary entry {i} type");
            if (type > 1)
            {
                throw new FastTextFormatException($"fastText model: dictionary entry {i} has unknown type {type}.");
            }

            isLabel[i] = type == 1;
            if (isLabel[i] != (i >= nwords))
            {
                throw new FastTextFormatException($"fastText model: dictionary entry {i} is a {(isLabel[i] ? "label" : "word")} out of order (words come first, then labels).");
            }
        }

        var prune = new Dictionary<int, int>();
        if (pruneIdxSize > 0)
        {
            reader.EnsureAvailable(pruneIdxSize, 8, "pruned n-gram index");
            for (long i = 0; i < pruneIdxSize; i++)
            {
                var from = reader.ReadInt32("pruned n-gram index");
                var to = reader.ReadInt32("pruned n-gram index");
                if (to < 0)
                {
                    throw new FastTextFormatException($"fastText model: pruned n-gram index maps bucket {from} to {to}.");
                }

                prune[from] = to;
            }
        }
        else if (pruneIdxSize < -1)
        {
            throw new FastTextFormatException($"fastText model: invalid pruneidx_size {pruneIdxSize}.");
        }

        var dictionary = new FastTextDictionary(args, words, counts, isLabel, nwords, nlabels, ntokens, pruneIdxSize, prune);
        dictionary.MaxRowId = pruneIdxSize switch
        {
            > 0 => nwords + (prune.Count == 0 ? 0 : prune.Values.Max()),
            0 => Math.Max(0, nwords - 1),
            _ => (long)nwords + Math.Max(0, args.Bucket) - 1,
        };
        return dictionary;
    }

    /// <summary>
    /// Appends the input rows of one line (fastText's <c>getLine</c> for supervised models): whitespace-separated
    /// tokens up to and including the first <c>&lt;/s&gt;</c> (appended when the text has none); in-vocabulary words give their id and n-grams, unknown words their n-grams,
    /// labels nothing; word n-grams follow at the end.
    /// </summary>
    public void GetLine(ReadOnlySpan<byte> utf8, FastTextIdBuffer rows, FastTextIdBuffer wordHashes, byte[] scratch)
    {
        rows.Clear();
        wordHashes.Clear();
        var start = -1;
        for (var i = 0; i <= utf8.Length; i++)
        {
            var separator = i == utf8.Length || IsSpace(utf8[i]);
            if (!separator)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                var token = utf8[start..i];
                AddToken(token, rows, wordHashes, scratch);
                start = -1;
                if (token.SequenceEqual(Eos))
                {
                    // fastText ends the line at a literal "</s>": the rest of the text is never read.
                    AddWordNgrams(rows, wordHashes.Span);
                    return;
                }
            }
        }

        AddToken(Eos, rows, wordHashes, scratch);
        AddWordNgrams(rows, wordHashes.Span);
    }

    // fastText's readWord separators. A newline inside the text counts as a space here: one call is one line.
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\v' or (byte)'\f' or 0;

    private void AddToken(ReadOnlySpan<byte> token, FastTextIdBuffer rows, FastTextIdBuffer wordHashes, byte[] scratch)
    {
        var h = FastTextHash.Hash(token);
        var wid = _word2Int[FindSlot(token, h)];
        var isLabel = wid >= 0 ? _isLabel[wid] : token.StartsWith(LabelPrefix);
        if (isLabel)
        {
            // Labels in the input are training targets, never features.
            return;
        }

        if (wid >= 0)
        {
            rows.AddRange(_args.MaxN <= 0 ? _subwords.AsSpan(_subwordStart[wid], 1) : _subwords.AsSpan(_subwordStart[wid], _subwordStart[wid + 1] - _subwordStart[wid]));
        }
        else if (!token.SequenceEqual(Eos))
        {
            var needed = token.Length + 2;
            var buffer = needed <= scratch.Length ? scratch.AsSpan(0, needed) : new byte[needed];
            buffer[0] = Bow;
            token.CopyTo(buffer[1..]);
            buffer[^1] = Eow;
            ComputeSubwords(buffer, rows);
        }

        wordHashes.Add((int)h);
    }

    private static byte[] Bracket(byte[] word)
    {
        var result = new byte[word.Length + 2];
        result[0] = Bow;
        word.CopyTo(result, 1);
        result[^1] = Eow;
        return result;
    }

    /// <summary>Character n-grams of <c>&lt;word&gt;</c>, counted in UTF-8 code points (fastText's computeSubwords).</summary>
    private void ComputeSubwords(ReadOnlySpan<byte> word, FastTextIdBuffer rows)
    {
        var minn = _args.MinN;
        var maxn = _args.MaxN;
        if (maxn <= 0)
        {
            return;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if ((word[i] & 0xC0) == 0x80)
            {
                continue;
            }

            var h = FastTextHash.Offset;
            var j = i;
            for (var n = 1; j < word.Length && n <= maxn; n++)
            {
                h = FastTextHash.Step(h, word[j++]);
                while (j < word.Length && (word[j] & 0xC0) == 0x80)
                {
                    h = FastTextHash.Step(h, word[j++]);
                }

                if (n >= minn && !(n == 1 && (i == 0 || j == word.Length)))
                {
                    PushHash(rows, (int)(h % (uint)_args.Bucket));
                }
            }
        }
    }

    private void AddWordNgrams(FastTextIdBuffer rows, ReadOnlySpan<int> hashes)
    {
        var n = _args.WordNgrams;
        for (var i = 0; i < hashes.Length; i++)
        {
            // C++ widens int32 to uint64 with sign extension; the arithmetic wraps modulo 2^64.
            var h = (ulong)(long)hashes[i];
            for (var j = i + 1; j < hashes.Length && j < i + n; j++)
            {
                h = unchecked((h * 116049371) + (ulong)(long)hashes[j]);
                PushHash(rows, (int)(h % (ulong)_args.Bucket));
            }
        }
    }

    private void PushHash(FastTextIdBuffer rows, int id)
    {
        if (PruneIdxSize == 0 || id < 0)
        {
            return;
        }

        if (PruneIdxSize > 0)
        {
            if (_pruneDense is not null)
            {
                id = (uint)id < (uint)_pruneDense.Length ? _pruneDense[id] : -1;
            }
            else if (!_pruneSparse!.TryGetValue(id, out id))
            {
                id = -1;
            }

            if (id < 0)
            {
                return;
            }
        }

        rows.Add(NWords + id);
    }

    private int FindSlot(ReadOnlySpan<byte> word, uint h)
    {
        var size = (uint)_word2Int.Length;
        var slot = h % size;
        while (_word2Int[slot] != -1 && !_words[_word2Int[slot]].AsSpan().SequenceEqual(word))
        {
            slot = (slot + 1) % size;
        }

        return (int)slot;
    }
}
