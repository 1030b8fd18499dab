namespace LiftWing.Core.Tensors;

/// <summary>
/// Widens FP16 and BF16 tensors to FP32 for models whose input is FP32: both convert exactly, so a client may send
/// half the bytes (raw contents / binary data only) and the model sees the same numbers.
/// </summary>
public static class FloatWidening
{
    /// <summary>Whether <paramref name="datatype"/> widens exactly to <paramref name="target"/> (FP16/BF16 → FP32).</summary>
    public static bool Widens(string datatype, string target) => target == "FP32" && datatype is "FP16" or "BF16";

    /// <summary>The tensor as FP32 (the same tensor when it already is).</summary>
    public static TensorData ToSingle(TensorData tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        float[] data;
        switch (tensor.Datatype)
        {
            case "FP16":
                var half = (Half[])tensor.Data;
                data = new float[half.Length];
                for (var i = 0; i < half.Length; i++)
                {
                    data[i] = (float)half[i];
                }

                break;
            case "BF16":
                var bf16 = (BFloat16[])tensor.Data;
                data = new float[bf16.Length];
                for (var i = 0; i < bf16.Length; i++)
                {
                    data[i] = (float)bf16[i];
                }

                break;
            case "FP32":
                return tensor;
            default:
                throw new ArgumentException($"Tensor '{tensor.Name}' has datatype {tensor.Datatype}, which does not widen to FP32.", nameof(tensor));
        }

        return new TensorData(tensor.Name, "FP32", tensor.Shape, data, tensor.Parameters);
    }
}
