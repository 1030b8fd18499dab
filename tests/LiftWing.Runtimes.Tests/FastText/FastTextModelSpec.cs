namespace LiftWing.Runtimes.Tests.FastText;

/// <summary>Everything a fastText model file holds, for tests to build small models of their own.</summary>
internal sealed class FastTextModelSpec
{
    public int Magic { get; set; } = 793712314;

    public int Version { get; set; } = 12;

    public int Dim { get; set; } = 4;

    public int WordNgrams { get; set; } = 1;

    /// <summary>1 hs, 2 ns, 3 softmax, 4 ova.</summary>
    public int Loss { get; set; } = 3;

    /// <summary>3 = supervised.</summary>
    public int ModelKind { get; set; } = 3;

    public int Bucket { get; set; } = 100;

    public int MinN { get; set; } = 2;

    public int MaxN { get; set; } = 4;

    /// <summary>Words then labels (full <c>__label__x</c> strings), labels by descending count.</summary>
    public List<(string Entry, long Count, bool IsLabel)> Entries { get; } = [];

    /// <summary>null: not pruned (-1); otherwise the bucket remap (may be empty: every n-gram dropped).</summary>
    public Dictionary<int, int>? Prune { get; set; }

    /// <summary>Dense input rows (when <see cref="QuantInput"/> is null).</summary>
    public float[][]? Input { get; set; }

    public QuantSpec? QuantInput { get; set; }

    /// <summary>Dense output rows (when <see cref="QuantOutput"/> is null).</summary>
    public float[][]? Output { get; set; }

    public QuantSpec? QuantOutput { get; set; }

    public int NWords => Entries.Count(e => !e.IsLabel);

    public int NLabels => Entries.Count(e => e.IsLabel);

    internal sealed class QuantSpec
    {
        public int Rows { get; set; }

        public int Dim { get; set; }

        public int DSub { get; set; } = 2;

        public int NSubq => (Dim + DSub - 1) / DSub;

        public int LastDSub => Dim % DSub == 0 ? DSub : Dim % DSub;

        public byte[] Codes { get; set; } = [];

        /// <summary>dim * 256 values in fastText's layout.</summary>
        public float[] Centroids { get; set; } = [];

        /// <summary>null: no quantized norms.</summary>
        public byte[]? NormCodes { get; set; }

        public float[] NormCentroids { get; set; } = new float[256];
    }
}
