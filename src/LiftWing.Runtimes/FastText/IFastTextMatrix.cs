namespace LiftWing.Runtimes.FastText;

/// <summary>A fastText matrix, dense or product-quantized: the two row operations prediction needs.</summary>
internal interface IFastTextMatrix
{
    /// <summary>Rows.</summary>
    long Rows { get; }

    /// <summary>Columns (the vector size).</summary>
    long Cols { get; }

    /// <summary><c>x += row(i)</c> (fastText's addRowToVector).</summary>
    void AddRowTo(Span<float> x, int i);

    /// <summary><c>row(i) · x</c> (fastText's dotRow).</summary>
    float DotRow(ReadOnlySpan<float> x, int i);
}
