using System.Numerics.Tensors;

namespace LiftWing.Models.HuggingFace;

/// <summary>The small vector operations of pooling and post-processing.</summary>
public static class VectorMath
{
    /// <summary>Mean of the first <paramref name="count"/> rows of a row-major [rows × width] block (mean pooling over the attention mask).</summary>
    public static void MeanRows(ReadOnlySpan<float> rows, int count, int width, Span<float> result)
    {
        result.Clear();
        for (var t = 0; t < count; t++)
        {
            TensorPrimitives.Add(result, rows.Slice(t * width, width), result);
        }

        // sentence-transformers clamps the token count at 1e-9; count is at least 2 ([CLS], [SEP]) here.
        TensorPrimitives.Divide(result, Math.Max(count, 1), result);
    }

    /// <summary>Scales a vector to unit L2 norm (a zero vector stays zero, as F.normalize's eps does).</summary>
    public static void NormalizeL2(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm((ReadOnlySpan<float>)vector);
        TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
    }

    /// <summary>Softmax of logits into a new array (max-subtracted for stability).</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var result = new float[logits.Length];
        TensorPrimitives.SoftMax(logits, result);
        return result;
    }

    /// <summary>Cosine similarity of two vectors.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);
}
