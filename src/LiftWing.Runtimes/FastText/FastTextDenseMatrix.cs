namespace LiftWing.Runtimes.FastText;

/// <summary>fastText's DenseMatrix: int64 rows, int64 cols, row-major float32.</summary>
internal sealed class FastTextDenseMatrix : IFastTextMatrix
{
    private readonly float[] _data;
    private readonly int _cols;

    private FastTextDenseMatrix(long rows, int cols, float[] data)
    {
        Rows = rows;
        _cols = cols;
        _data = data;
    }

    public long Rows { get; }

    public long Cols => _cols;

    public static FastTextDenseMatrix Load(FastTextBinaryReader reader, string what)
    {
        var rows = reader.ReadInt64($"{what} rows");
        var cols = reader.ReadInt64($"{what} cols");
        if (rows < 0 || cols < 0 || cols > int.MaxValue || (cols > 0 && rows > Array.MaxLength / cols))
        {
            throw new FastTextFormatException($"fastText model: {what} has invalid shape {rows}x{cols}.");
        }

        var data = reader.ReadFloats(rows * cols, $"{what} values");
        return new FastTextDenseMatrix(rows, (int)cols, data);
    }

    public void AddRowTo(Span<float> x, int i)
    {
        var row = _data.AsSpan(i * _cols, _cols);
        for (var j = 0; j < row.Length; j++)
        {
            x[j] += row[j];
        }
    }

    public float DotRow(ReadOnlySpan<float> x, int i)
    {
        // Sequential float accumulation, as fastText does, so results match it to the last bits.
        var row = _data.AsSpan(i * _cols, _cols);
        var d = 0f;
        for (var j = 0; j < row.Length; j++)
        {
            d += row[j] * x[j];
        }

        return d;
    }
}
