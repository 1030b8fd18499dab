namespace LiftWing.Runtimes.FastText;

/// <summary>
/// fastText's ProductQuantizer: the vector is cut into <c>nsubq</c> sub-vectors of <c>dsub</c> values (the last
/// one <c>lastdsub</c>), each coded by one byte that picks one of 256 centroids.
/// </summary>
internal sealed class FastTextProductQuantizer
{
    private const int KSub = 256;
    private readonly float[] _centroids;

    private FastTextProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids)
    {
        Dim = dim;
        NSubq = nsubq;
        DSub = dsub;
        LastDSub = lastdsub;
        _centroids = centroids;
    }

    public int Dim { get; }

    public int NSubq { get; }

    public int DSub { get; }

    public int LastDSub { get; }

    public static FastTextProductQuantizer Load(FastTextBinaryReader reader, string what)
    {
        var dim = reader.ReadInt32($"{what} dim");
        var nsubq = reader.ReadInt32($"{what} nsubq");
        var dsub = reader.ReadInt32($"{what} dsub");
        var lastdsub = reader.ReadInt32($"{what} lastdsub");
        if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || ((long)(nsubq - 1) * dsub) + lastdsub != dim)
        {
            throw new FastTextFormatException($"fastText model: {what} has inconsistent shape (dim {dim}, nsubq {nsubq}, dsub {dsub}, lastdsub {lastdsub}).");
        }

        var centroids = reader.ReadFloats((long)dim * KSub, $"{what} centroids");
        return new FastTextProductQuantizer(dim, nsubq, dsub, lastdsub, centroids);
    }

    /// <summary>The centroid values of sub-quantizer <paramref name="m"/> for code <paramref name="code"/>.</summary>
    public ReadOnlySpan<float> Centroid(int m, byte code) =>
        m == NSubq - 1
            ? _centroids.AsSpan((m * KSub * DSub) + (code * LastDSub), LastDSub)
            : _centroids.AsSpan(((m * KSub) + code) * DSub, DSub);

    /// <summary><c>x += alpha * decode(codes of row t)</c> (fastText's addcode).</summary>
    public void AddCode(Span<float> x, ReadOnlySpan<byte> codes, int t, float alpha)
    {
        var code = codes.Slice(NSubq * t, NSubq);
        for (var m = 0; m < NSubq; m++)
        {
            var c = Centroid(m, code[m]);
            var offset = m * DSub;
            for (var n = 0; n < c.Length; n++)
            {
                x[offset + n] += alpha * c[n];
            }
        }
    }

    /// <summary><c>alpha * (decode(codes of row t) · x)</c> (fastText's mulcode).</summary>
    public float MulCode(ReadOnlySpan<float> x, ReadOnlySpan<byte> codes, int t, float alpha)
    {
        var res = 0f;
        var code = codes.Slice(NSubq * t, NSubq);
        for (var m = 0; m < NSubq; m++)
        {
            var c = Centroid(m, code[m]);
            var offset = m * DSub;
            for (var n = 0; n < c.Length; n++)
            {
                res += x[offset + n] * c[n];
            }
        }

        return res * alpha;
    }
}
