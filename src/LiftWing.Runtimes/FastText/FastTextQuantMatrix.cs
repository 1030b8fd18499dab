namespace LiftWing.Runtimes.FastText;

/// <summary>
/// fastText's QuantMatrix (.ftz): product-quantized rows, optionally scaled by a quantized norm per row
/// (the norms are themselves coded by a one-dimensional product quantizer).
/// </summary>
internal sealed class FastTextQuantMatrix : IFastTextMatrix
{
    private readonly byte[] _codes;
    private readonly FastTextProductQuantizer _pq;
    private readonly byte[]? _normCodes;
    private readonly FastTextProductQuantizer? _normPq;

    private FastTextQuantMatrix(long rows, long cols, byte[] codes, FastTextProductQuantizer pq, byte[]? normCodes, FastTextProductQuantizer? normPq)
    {
        Rows = rows;
        Cols = cols;
        _codes = codes;
        _pq = pq;
        _normCodes = normCodes;
        _normPq = normPq;
    }

    public long Rows { get; }

    public long Cols { get; }

    public static FastTextQuantMatrix Load(FastTextBinaryReader reader, string what)
    {
        var qnorm = reader.ReadBool($"{what} qnorm");
        var rows = reader.ReadInt64($"{what} rows");
        var cols = reader.ReadInt64($"{what} cols");
        var codeSize = reader.ReadInt32($"{what} codesize");
        if (rows < 0 || cols <= 0 || cols > int.MaxValue || codeSize < 0)
        {
            throw new FastTextFormatException($"fastText model: {what} has invalid shape {rows}x{cols} (codesize {codeSize}).");
        }

        var codes = reader.ReadBytes(codeSize, $"{what} codes");
        var pq = FastTextProductQuantizer.Load(reader, $"{what} product quantizer");
        if (pq.Dim != cols || (long)pq.NSubq * rows != codeSize)
        {
            throw new FastTextFormatException(
                $"fastText model: {what} codes do not fit its quantizer ({rows} rows x {pq.NSubq} sub-quantizers != codesize {codeSize}, or dim {pq.Dim} != {cols}).");
        }

        byte[]? normCodes = null;
        FastTextProductQuantizer? normPq = null;
        if (qnorm)
        {
            normCodes = reader.ReadBytes(rows, $"{what} norm codes");
            normPq = FastTextProductQuantizer.Load(reader, $"{what} norm quantizer");
            if (normPq.Dim != 1 || normPq.NSubq != 1)
            {
                throw new FastTextFormatException($"fastText model: {what} norm quantizer must be one-dimensional (dim {normPq.Dim}, nsubq {normPq.NSubq}).");
            }
        }

        return new FastTextQuantMatrix(rows, cols, codes, pq, normCodes, normPq);
    }

    public void AddRowTo(Span<float> x, int i) => _pq.AddCode(x, _codes, i, Norm(i));

    public float DotRow(ReadOnlySpan<float> x, int i) => _pq.MulCode(x, _codes, i, Norm(i));

    private float Norm(int i) => _normCodes is null ? 1f : _normPq!.Centroid(0, _normCodes[i])[0];
}
